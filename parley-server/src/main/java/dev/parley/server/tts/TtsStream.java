package dev.parley.server.tts;

import dev.parley.audio.WireEncoder;
import dev.parley.engines.text.IncrementalText;
import dev.parley.engines.text.Replacements;
import dev.parley.engines.text.UnspeakableTextException;
import dev.parley.engines.text.UnsupportedLanguageException;
import dev.parley.engines.EngineBusyException;
import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.tts.Utterance;
import dev.parley.engines.tts.UnknownVoiceException;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Json;
import dev.parley.server.ws.Inbox;
import dev.parley.server.ws.ProtocolSession;
import dev.parley.server.ws.SessionSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One TTS WebSocket session (spec §6), a {@link ProtocolSession} free of transport: client messages in
 * ({@link #onText}), server events out through the {@link SessionSink}.
 *
 * <h2>Protocol</h2>
 * Client: {@code text.delta {delta}} (each at most {@code maxTextChars}), {@code text.done}, {@code text.clear},
 * {@code session.update {replace}} (the substitutions of the utterances that start after it, bounded as on
 * {@code POST /v1/tts}: {@code tts.max_replacements} entries of at most {@code tts.max_replacement_chars}; a map over
 * the bounds is an {@code error} and the previous map stays). Server: {@code audio.delta {delta}} (base64 in the
 * socket's codec, at most {@value #MAX_DELTA_BYTES} bytes of audio each, with {@code audio_timestamps} when asked for),
 * {@code audio.done {trace_id}}, {@code audio.clear}, {@code error {message}} (flat; the socket stays open).
 * Utterances follow one another on the same socket; the deltas of one utterance concatenate to one playable file
 * (WAV: header in the first delta; MP3: raw frames).
 *
 * <h2>Text that cannot be spoken</h2>
 * Text the front end refuses (mostly in a script the language is not written in, or longer than
 * {@code maxTextChars} after the substitutions) gets an {@code error} naming why, as soon as it is planned; it is
 * dropped and the utterance goes on. An utterance that ends ({@code text.done}) with nothing to pronounce at all (no
 * text, or only punctuation, emoji, invisible characters, refused text) is answered with an {@code error} saying so
 * instead of an empty {@code audio.done}.
 *
 * <h2>A busy engine</h2>
 * An utterance holds a place on its voice's engine from its first text to its {@code audio.done} (or its
 * {@code text.clear}, or the end of the socket). When the engine already speaks its limit of utterances
 * ({@code tts.kokoro_max_sessions}), the utterance is refused with one {@code error} naming the engine and its limit,
 * and the rest of its text, up to its {@code text.done} or a {@code text.clear}, is dropped without more errors; the
 * socket stays open and its next utterance asks again.
 *
 * <h2>Incremental synthesis</h2>
 * Text is cut into sentences as it arrives ({@link IncrementalText}); each complete sentence is planned and its chunks
 * synthesised at once, long before {@code text.done}. Text without a sentence end is synthesised after
 * {@code idleFlushMillis} without a new delta when it ends with sentence punctuation or holds at least
 * {@code idleFlushMinChars} characters (then cut at the last space; the rest waits). The language of an utterance is
 * fixed by its first planned text ({@code auto} detects it there).
 *
 * <h2>Threading and bounds</h2>
 * {@link #onText} runs on the connection's reader and only parses and enqueues into an {@link Inbox} of at most
 * {@code wsInboxMessages} messages; when it is full, {@code onText} blocks and the transport stops reading the socket,
 * so a client that sends faster than the worker handles is slowed down by TCP. One virtual thread per session (the
 * worker, started by {@link #start}) does everything else in order: it handles messages, plans, synthesises
 * (blocking; the native work runs on the inference pool) and sends. Between two chunks it handles every message
 * waiting, so {@code text.clear} takes effect within one chunk. Text waiting for synthesis is bounded by
 * {@code wsMaxPendingChars}: past it the worker synthesises without reading, the inbox fills, and the same
 * backpressure applies. The outbound bound is the session kit's ({@link SessionSink}). After the first chunk of an
 * utterance, while a chunk is synthesised the next one, when its text is already there, is synthesised alongside
 * (the utterance's lookahead, as for REST). {@link #close} stops the worker before its next chunk; work
 * is never interrupted mid-call (native encoders must not be freed while in use), and the worker waits for a chunk
 * still in flight before it ends.
 */
final class TtsStream implements ProtocolSession {
    private static final Logger LOG = LoggerFactory.getLogger(TtsStream.class);
    /** Largest audio payload of one {@code audio.delta}, in bytes before base64. */
    static final int MAX_DELTA_BYTES = 32 * 1024;
    /** Text without a sentence end is released by {@link IncrementalText} past this many characters. */
    static final int MAX_SENTENCE_CHARS = 1000;

    /** A client message, parsed. */
    sealed interface In {
        record Delta(String text) implements In {}
        record Done() implements In {}
        record Clear() implements In {}
        record Update(Replacements replace) implements In {}
        record Invalid(String message) implements In {}
    }

    private final TtsService service;
    private final WsParams params;
    private final TtsSettings settings;
    private final Inbox<In> inbox;
    private volatile SessionSink out;
    private final AtomicReference<String> cancelled = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    // Worker state (worker thread only).
    private final IncrementalText text = new IncrementalText(MAX_SENTENCE_CHARS);
    /** Utterances being spoken, in order: text.done ends one, the next text starts another. */
    private final Deque<Spoken> spoken = new ArrayDeque<>();
    /** The utterance receiving text (the last of {@link #spoken}), or null between utterances. */
    private Spoken open;
    /** The utterance receiving text was refused (its engine was busy): its text is dropped up to text.done. */
    private boolean refused;
    private int buffered;
    private long idleDeadline = -1;
    private Replacements replace = Replacements.NONE;

    /** One utterance of the socket: its pipeline, its encoder and what was sent of it. */
    private final class Spoken {
        final Utterance utterance;
        final WireEncoder encoder = params.format().encoder();
        final String traceId = UUID.randomUUID().toString();
        final long start = System.nanoTime();
        boolean done;
        boolean audioSent;
        double seconds;

        Spoken(Utterance utterance) {
            this.utterance = utterance;
        }

        void close() {
            utterance.close();
            encoder.close();
        }
    }

    /**
     * @param service the synthesis core
     * @param params  the socket's settings (from the handshake)
     */
    TtsStream(TtsService service, WsParams params) {
        this.service = service;
        this.params = params;
        this.settings = service.settings;
        this.inbox = new Inbox<>(settings.wsInboxMessages(), Long.MAX_VALUE);
    }

    /** Starts the worker (a virtual thread). */
    @Override
    public void start(SessionSink sink) {
        this.out = sink;
        service.metrics.active.incrementAndGet();
        Thread.ofVirtual().name("parley-tts-ws").start(this::run);
    }

    /** Parses and enqueues one client text message; blocks while the inbox is full (backpressure). */
    @Override
    public void onText(String message) {
        enqueue(parse(message, settings));
    }

    /** Binary frames are not part of the protocol: answered with an {@code error} event. */
    @Override
    public void onBinary(byte[] data) {
        enqueue(new In.Invalid("Binary frames are not supported on /v1/tts: send JSON text messages"));
    }

    private void enqueue(In in) {
        if (cancelled.get() != null) return;
        try {
            inbox.put(in, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the session: the worker ends before its next chunk and releases its encoder.
     * Idempotent; the first reason counts.
     */
    @Override
    public void close(CloseReason reason) {
        cancel(switch (reason) {
            case PEER_CLOSED, ERROR -> "client_gone";
            case SLOW_CLIENT -> "slow_reader";
            case SERVER_CLOSED -> "shutdown";
        });
    }

    private void cancel(String reason) {
        if (!cancelled.compareAndSet(null, reason)) return;
        inbox.clear();
        inbox.close();
    }

    /** Waits for the worker to end (tests). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Parses one client message; {@code settings} bound a {@code replace} map. */
    static In parse(String message, TtsSettings settings) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(message);
        } catch (JacksonException e) {
            return new In.Invalid(Json.malformed("Invalid JSON", e));
        }
        if (n == null || !n.isObject()) return new In.Invalid("Messages must be JSON objects with a 'type'");
        JsonNode t = n.get("type");
        if (t == null || !t.isString()) return new In.Invalid("Message has no 'type'");
        return switch (t.stringValue()) {
            case "text.delta" -> {
                JsonNode d = n.get("delta");
                if (d == null || !d.isString()) yield new In.Invalid("text.delta needs a string 'delta'");
                yield new In.Delta(d.stringValue());
            }
            case "text.done" -> new In.Done();
            case "text.clear" -> new In.Clear();
            case "session.update" -> {
                JsonNode r = n.has("replace") ? n.get("replace") : n.path("session").get("replace");
                try {
                    yield new In.Update(r == null || r.isNull() ? null : TtsRequest.replace(r, "replace", settings));
                } catch (ApiException e) {
                    yield new In.Invalid(e.getMessage());
                }
            }
            default -> new In.Invalid("Unknown message type '" + t.stringValue()
                    + "' (expected text.delta, text.done, text.clear or session.update)");
        };
    }

    // ---- worker ----

    private void run() {
        try {
            while (cancelled.get() == null) {
                In in = next();
                if (cancelled.get() != null) break;
                if (in != null) handle(in);
                else if (ready()) step();
                else idleFlush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("TTS WebSocket session failed", e);
            sendError("Internal error while synthesising speech");
        } finally {
            String reason = cancelled.get();
            if (reason != null && !spoken.isEmpty()) service.metrics.cancelled("ws", reason);
            for (Spoken u : spoken) u.close(); // waits for a chunk still in flight: no synthesis outlives the session
            spoken.clear();
            service.metrics.active.decrementAndGet();
            finished.countDown();
        }
    }

    /** Whether the first utterance has a chunk to speak, or has ended and waits for its audio.done. */
    private boolean ready() {
        Spoken u = spoken.peek();
        return u != null && (u.utterance.hasNext() || u.done);
    }

    private int pendingChars() {
        int n = 0;
        for (Spoken u : spoken) n += u.utterance.pendingChars();
        return n;
    }

    /** The next message, or null when it is time to synthesise (work waiting) or to flush idle text. */
    private In next() throws InterruptedException {
        long waitMillis;
        if (ready()) {
            if (pendingChars() > settings.wsMaxPendingChars()) return null;
            waitMillis = 0;
        } else if (idleDeadline >= 0) {
            waitMillis = Math.max(0, (idleDeadline - System.nanoTime()) / 1_000_000);
            if (waitMillis == 0) return null;
        } else {
            waitMillis = 60_000;
        }
        return waitMillis == 0 ? inbox.poll() : inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    private void handle(In in) {
        switch (in) {
            case In.Delta d -> delta(d.text());
            case In.Done ignored -> {
                idleDeadline = -1;
                buffered = 0;
                Spoken u = begin();
                plan(text.finish());
                open = null;
                if (u == null || refused) {
                    refused = false; // the next text starts a new utterance, which asks for a place again
                    return;
                }
                if (u.utterance.segments() == 0) { // nothing to say: an error, not an empty audio.done
                    spoken.remove(u);
                    u.close();
                    sendError(TtsRest.nothingToPronounce("The utterance"));
                    return;
                }
                u.done = true;
            }
            case In.Clear ignored -> clear();
            case In.Update u -> {
                if (u.replace() != null) replace = u.replace();
            }
            case In.Invalid i -> sendError(i.message());
        }
    }

    private void delta(String delta) {
        int n = delta.codePointCount(0, delta.length());
        if (n > settings.maxTextChars()) {
            sendError("text.delta is " + n + " characters long; the limit is " + settings.maxTextChars());
            return;
        }
        if (delta.isEmpty()) return;
        if (begin() == null) return;
        String released = text.push(delta);
        buffered = Math.max(0, buffered + delta.length() - released.length());
        idleDeadline = buffered > 0 ? System.nanoTime() + settings.idleFlushMillis() * 1_000_000 : -1;
        plan(released);
    }

    /** Idle text: synthesise what can be cut off cleanly, keep the rest waiting for more text. */
    private void idleFlush() {
        idleDeadline = -1;
        if (buffered == 0) return;
        String rest = text.finish();
        String stripped = rest.stripTrailing();
        String release = "";
        if (endsSentence(stripped)) {
            release = rest;
        } else if (stripped.length() >= settings.idleFlushMinChars()) {
            int cut = lastSpace(stripped);
            release = cut > 0 ? rest.substring(0, cut) : rest;
        }
        String keep = rest.substring(release.length());
        plan(release);
        buffered = keep.length();
        if (!keep.isEmpty()) plan(text.push(keep));
    }

    private static boolean endsSentence(String s) {
        int i = s.length() - 1;
        while (i >= 0 && "\"')]}»”’".indexOf(s.charAt(i)) >= 0) i--;
        return i >= 0 && ".!?…。！？".indexOf(s.charAt(i)) >= 0;
    }

    private static int lastSpace(String s) {
        for (int i = s.length() - 1; i > 0; i--) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    /**
     * The utterance receiving text, opened on its first text; null when it cannot be opened (an error sent) or was
     * refused (its text is dropped).
     */
    private Spoken begin() {
        if (open != null) return open;
        if (refused) return null;
        Utterance u;
        try {
            u = service.open(params.voice(), params.language(), params.speed(), params.normalize(), replace,
                    params.latency());
        } catch (UnsupportedLanguageException | UnknownVoiceException e) {
            sendError(e.getMessage());
            return null;
        } catch (EngineUnavailableException e) {
            sendError("No text-to-speech engine is available: " + e.getMessage());
            return null;
        } catch (EngineBusyException e) {
            refuse(e);
            return null;
        }
        open = new Spoken(u);
        spoken.add(open);
        return open;
    }

    private void plan(String released) {
        if (open == null || released.isEmpty() || released.codePoints().noneMatch(Character::isLetterOrDigit)) return;
        try {
            open.utterance.add(released);
        } catch (UnspeakableTextException e) {
            sendError("Text cannot be spoken: " + e.getMessage());
            return;
        } catch (UnsupportedLanguageException | UnknownVoiceException e) {
            sendError(e.getMessage());
            return;
        } catch (EngineUnavailableException e) {
            sendError("No text-to-speech engine is available: " + e.getMessage());
            return;
        } catch (EngineBusyException e) { // a detected language: the voice's engine was chosen with the first text
            spoken.remove(open);
            open.close();
            open = null;
            refuse(e);
            return;
        }
        service.metrics.characters("ws", released.codePointCount(0, released.length()));
    }

    /** The utterance receiving text is refused: one error, then its text is dropped up to text.done or text.clear. */
    private void refuse(EngineBusyException e) {
        refused = true;
        sendError(e.getMessage());
    }

    /** Speaks the next chunk of the first utterance, or ends it (its encoder's tail, then audio.done). */
    private void step() {
        Spoken u = spoken.peek();
        if (u.utterance.hasNext()) {
            Utterance.Chunk c = u.utterance.next();
            if (cancelled.get() != null) return;
            service.synthesized(u.utterance, c);
            double seconds = c.samples().length / (double) c.sampleRate();
            CharTimes times = null;
            if (params.withTimestamps()) {
                times = new CharTimes();
                times.add(c.piece(), u.seconds, seconds);
            }
            u.seconds += seconds;
            sendAudio(u, u.encoder.encode(c.samples(), c.sampleRate()), times, true);
            return;
        }
        spoken.poll();
        sendAudio(u, u.encoder.finish(), null, false);
        u.close();
        ObjectNode done = Json.MAPPER.createObjectNode();
        done.put("type", "audio.done");
        done.put("trace_id", u.traceId);
        out.send(done.toString());
    }

    private void clear() {
        text.clear();
        refused = false;
        buffered = 0;
        idleDeadline = -1;
        if (!spoken.isEmpty()) service.metrics.cancelled("ws", "clear");
        for (Spoken u : spoken) u.close(); // a chunk still being synthesised is dropped when it ends
        spoken.clear();
        open = null;
        out.send("{\"type\":\"audio.clear\"}");
    }

    private void sendAudio(Spoken u, byte[] bytes, CharTimes times, boolean chunk) {
        if (bytes.length == 0 && (times == null || times.isEmpty())) return;
        int off = 0;
        do {
            int n = Math.min(MAX_DELTA_BYTES, bytes.length - off);
            ObjectNode delta = Json.MAPPER.createObjectNode();
            delta.put("type", "audio.delta");
            delta.put("delta", Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, off, off + n)));
            if (times != null && off == 0) delta.set("audio_timestamps", times.toJson());
            out.send(delta.toString());
            off += n;
        } while (off < bytes.length);
        if (chunk && !u.audioSent && bytes.length > 0) {
            u.audioSent = true;
            service.metrics.ttfa("ws", u.utterance.voice().engineId(), System.nanoTime() - u.start);
        }
    }

    private void sendError(String message) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", "error");
        e.put("message", message);
        out.send(e.toString());
    }
}
