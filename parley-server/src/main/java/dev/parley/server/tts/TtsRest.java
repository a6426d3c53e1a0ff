package dev.parley.server.tts;

import dev.parley.audio.WireEncoder;
import dev.parley.engines.text.UnspeakableTextException;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.EngineBusyException;
import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.tts.Utterance;
import dev.parley.engines.tts.UnknownVoiceException;
import dev.parley.server.http.Admission;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Exchange;
import dev.parley.server.http.HttpHandler;
import dev.parley.server.http.Json;
import dev.parley.server.voices.VoiceCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/tts} (spec §5): validates the body, then streams the audio as it is synthesised, chunk by chunk,
 * with chunked transfer encoding (no {@code Content-Length}), so that the first bytes leave after the first clause.
 * With {@code with_timestamps} the whole audio is synthesised first and returned as JSON
 * ({@code audio} base64, {@code content_type}, {@code duration}, {@code audio_timestamps}). Every response carries
 * {@code x-trace-id}.
 *
 * <p>Errors: 400 for bad input (before any audio), 503 when no engine can run, and 503 with {@code Retry-After} when
 * the voice's engine speaks its limit of utterances at once ({@code tts.kokoro_max_sessions}; the request holds its
 * place from the voice's choice to the end of its answer). Bad input includes text that cannot be
 * spoken ({@link UnspeakableTextException}: mostly in a script the language is not written in, longer than
 * {@code tts.max_text_chars} after the {@code replace} substitutions) and text with nothing to pronounce (only
 * punctuation, emoji or invisible characters): a client never gets an empty 200. Planning the whole text before the
 * first byte is linear in its length ({@link dev.parley.engines.text.TextFrontEnd}), so it cannot keep a request busy
 * beyond what 15,000 characters take. A client that goes away makes the next write fail; synthesis then stops before
 * the next chunk ({@code parley_tts_cancelled_total{reason="client_gone"}}): at most the utterance's lookahead (two
 * chunks) is synthesised after it left. With {@code with_timestamps} nothing is written before the end, so a client that
 * leaves is noticed only then.
 * An engine failure after audio has been sent aborts the response (the client sees a truncated chunked body), unless
 * the {@link Framing} can tell the client (the SSE framing of {@link OpenAiSpeech} sends an {@code error} event).
 *
 * <p>Threading: one call per request on its virtual thread; writes block until the bytes reach the network, so a
 * client that reads slowly slows synthesis down (nothing is buffered beyond the utterance's lookahead of two chunks).
 * The next chunk is synthesised while the current one is encoded and written ({@link Utterance}).
 */
final class TtsRest implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TtsRest.class);
    /** Largest accepted body: 15,000 characters of up to 4 UTF-8 bytes, a replace map and the other fields. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** A chunk is encoded and written in slices of 1/{@value} s: the first bytes wait for one slice only. */
    static final int SLICES_PER_SECOND = 5;

    private final TtsService service;

    TtsRest(TtsService service) {
        this.service = service;
    }

    /**
     * How {@link #serve} puts streamed audio on the wire: {@link #RAW} writes the encoded bytes as the body itself;
     * {@link OpenAiSpeech} wraps each chunk in a server-sent event. Called on the request's thread.
     */
    interface Framing {
        /**
         * Commits the 200 response and returns the stream the encoded audio goes to: one {@code write} per encoded
         * chunk (never empty except possibly the last, the encoder's tail), each followed by {@code flush}, then
         * {@code close} after the last. A write that fails means the client went away.
         */
        OutputStream open(Exchange ex, WireEncoder enc);

        /**
         * A synthesis failure after {@link #open}: tells the client and ends the response cleanly, returning true,
         * or returns false to abort the response (the client sees a truncated body).
         */
        default boolean failed(Exchange ex, OutputStream out, RuntimeException e) {
            return false;
        }
    }

    /** The encoded audio is the body, chunk by chunk, with the codec's Content-Type. */
    static final Framing RAW = (ex, enc) -> ex.stream(200, enc.format().codec().contentType());

    @Override
    public void handle(Exchange ex) throws Exception {
        long start = System.nanoTime();
        serve(ex, TtsRequest.parse(ex.body(MAX_BODY_BYTES), service.settings), "text", start, RAW);
    }

    /**
     * Answers a parsed request (also the OpenAI alias {@link OpenAiSpeech}): resolves the voice, plans, streams.
     *
     * @param textField the request's name for the text ({@code text}, OpenAI's {@code input}), for error messages
     * @param start     when the request arrived ({@link System#nanoTime()}), for the time-to-first-audio metric
     * @param framing   how streamed audio is written (not used with {@code with_timestamps})
     */
    void serve(Exchange ex, TtsRequest r, String textField, long start, Framing framing)
            throws IOException, InterruptedException {
        VoiceCatalog.Entry voice = service.voice(r.voiceId(), 400);
        String traceId = UUID.randomUUID().toString();
        service.metrics.active.incrementAndGet();
        try (Utterance u = plan(r, voice, textField); WireEncoder enc = r.format().encoder()) {
            ex.header("x-trace-id", traceId);
            service.metrics.characters("rest", r.text().codePointCount(0, r.text().length()));
            if (r.withTimestamps()) timestamped(ex, u, enc);
            else streamed(ex, u, enc, start, framing);
        } finally {
            service.metrics.active.decrementAndGet();
        }
    }

    /** The utterance of the whole text: the request's errors are answered here, before any audio. */
    private Utterance plan(TtsRequest r, VoiceCatalog.Entry voice, String textField) {
        Utterance u = null;
        try {
            u = service.open(voice, r.language(), r.speed(), r.normalize(), r.replace(), r.latency());
            if (u.add(r.text()) < 0) {
                u.close();
                throw ApiException.invalidParam(textField, nothingToPronounce("Field '" + textField + "'"));
            }
            return u;
        } catch (UnspeakableTextException e) {
            if (u != null) u.close();
            throw ApiException.invalidParam(textField, "Field '" + textField + "' cannot be spoken: " + e.getMessage());
        } catch (UnsupportedLanguageException | UnknownVoiceException e) {
            if (u != null) u.close();
            throw ApiException.badRequest(e.getMessage());
        } catch (EngineUnavailableException e) {
            if (u != null) u.close();
            throw ApiException.unavailable("No text-to-speech engine is available: " + e.getMessage());
        } catch (EngineBusyException e) {
            if (u != null) u.close();
            throw Admission.retryLater(e.getMessage());
        }
    }

    /** The message for text with nothing to pronounce; {@code what} names it ("Field 'text'"). */
    static String nothingToPronounce(String what) {
        return what + " has nothing to pronounce: no letters or digits once punctuation, emoji and invisible"
                + " characters are taken out";
    }

    private void streamed(Exchange ex, Utterance u, WireEncoder enc, long start, Framing framing)
            throws IOException, InterruptedException {
        OutputStream out = framing.open(ex, enc);
        boolean first = true;
        try {
            while (u.hasNext()) {
                Utterance.Chunk c = u.next();
                service.synthesized(u, c);
                // in slices, so the first bytes leave after encoding a fifth of a second, not the whole chunk
                float[] samples = c.samples();
                int slice = Math.max(1, c.sampleRate() / SLICES_PER_SECOND);
                for (int from = 0; from < samples.length; from += slice) {
                    byte[] bytes = enc.encode(samples, from, Math.min(slice, samples.length - from), c.sampleRate());
                    if (bytes.length == 0) continue;
                    out.write(bytes);
                    out.flush();
                    if (first) {
                        first = false;
                        service.metrics.ttfa("rest", u.voice().engineId(), System.nanoTime() - start);
                    }
                }
            }
            u.close(); // its engine place is free before the client sees the end of the answer
            out.write(enc.finish());
            out.close(); // the last chunk: a client gone at the very end is a disconnect too, not a server error
        } catch (IOException e) {
            // The client went away (or stopped reading past the idle timeout): stop synthesising.
            LOG.debug("TTS response to {} aborted: {}", ex.requestId(), e.toString());
            service.metrics.cancelled("rest", "client_gone");
            // An ApiException on a committed response only aborts it (no error log for an ordinary disconnect).
            throw new ApiException(500, "client disconnected", e);
        } catch (RuntimeException e) {
            if (!framing.failed(ex, out, e)) throw e;
        }
    }

    private void timestamped(Exchange ex, Utterance u, WireEncoder enc) throws IOException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        CharTimes times = new CharTimes();
        double t = 0;
        while (u.hasNext()) {
            Utterance.Chunk c = u.next();
            service.synthesized(u, c);
            double seconds = c.samples().length / (double) c.sampleRate();
            times.add(c.piece(), t, seconds);
            t += seconds;
            audio.writeBytes(enc.encode(c.samples(), c.sampleRate()));
        }
        u.close(); // its engine place is free before the client sees the answer
        audio.writeBytes(enc.finish());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("audio", Base64.getEncoder().encodeToString(audio.toByteArray()));
        body.put("content_type", enc.format().codec().contentType());
        body.put("duration", Math.round(enc.seconds() * 1000) / 1000.0);
        body.set("audio_timestamps", times.toJson());
        ex.json(200, body);
    }
}
