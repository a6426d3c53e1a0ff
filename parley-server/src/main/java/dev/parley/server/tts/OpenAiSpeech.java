package dev.parley.server.tts;

import dev.parley.audio.WireCodec;
import dev.parley.audio.WireEncoder;
import dev.parley.engines.text.Replacements;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Exchange;
import dev.parley.server.http.HttpHandler;
import dev.parley.server.http.Json;
import dev.parley.server.http.OpenAiErrorBody;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/audio/speech}: OpenAI's speech endpoint as a thin alias over {@code POST /v1/tts} ({@link TtsRest}):
 * the OpenAI body is translated into a {@link TtsRequest} and served by the same streaming code (chunked body, first
 * bytes after the first clause). Errors use OpenAI's shape ({@link dev.parley.server.http.OpenAiErrorBody}).
 *
 * <p>Body: {@code input} (required, 1..15,000 characters; OpenAI's own limit is 4,096), {@code voice} (required: a
 * Parley voice id, an OpenAI voice name mapped by {@link #OPENAI_VOICES}, or {@code {"id": "..."}}), {@code model}
 * (any string, ignored: {@code tts-1}, {@code gpt-4o-mini-tts} ...), {@code response_format}, all 24 kHz mono as
 * OpenAI's: {@code mp3} (default, {@code audio/mpeg}), {@code opus} (Ogg Opus, {@code audio/opus}), {@code aac}
 * (AAC-LC in ADTS, {@code audio/aac}), {@code flac} (native FLAC stream, {@code audio/flac}), {@code wav}
 * ({@code audio/wav}), {@code pcm} (s16le, {@code audio/pcm}); every one streams (the first bytes follow the first
 * clause; see {@link OutputFormat} for the Content-Types); {@code speed} (0.25..4.0, default 1), {@code instructions} (ignored),
 * {@code stream_format} ({@code audio}, the default, or {@code sse}; anything else is a 400 naming it). The language
 * is detected from the text ({@code auto}) and written forms are normalised ({@code text_normalization: true}), as
 * OpenAI's models read "$5" as "five dollars".
 *
 * <p>{@code stream_format: "sse"} answers {@code text/event-stream} ({@code Cache-Control: no-cache}) with the events of
 * OpenAI's {@code CreateSpeechResponseStreamEvent} (OpenAPI spec as generated into openai-python/-node and other
 * clients: {@code SpeechAudioDeltaEvent {type, audio}}, {@code SpeechAudioDoneEvent {type, usage{input_tokens,
 * output_tokens, total_tokens}}}; openai-node 7.55.0's {@code SpeechCreateParams.stream_format}: "Supported formats
 * are {@code sse} and {@code audio}"), each as one {@code data: <json>} line and a blank line, no {@code event:} line
 * (INFERRED: OpenAI documents only the payloads; the SDKs dispatch on {@code type}):
 * <ul>
 *   <li>{@code {"type":"speech.audio.delta","audio":"<base64>"}}: one per chunk that the raw stream would write, of
 *       exactly those bytes (the decoded deltas, concatenated, are the raw {@code audio} body of the same request),
 *       flushed at once: the first follows the first clause. Every {@code response_format} works (OpenAI lists no
 *       restriction).</li>
 *   <li>{@code {"type":"speech.audio.done","usage":{...}}}, once, last. Parley has no token counts, so:
 *       {@code input_tokens} is the number of characters (Unicode code points) of {@code input};
 *       {@code output_tokens} is the audio duration in 50 ms units (20 a second, rounded), Parley's own measure;
 *       {@code total_tokens} their sum.</li>
 * </ul>
 * OpenAI's note that {@code sse} "is not supported for {@code tts-1} or {@code tts-1-hd}" is not enforced: {@code model}
 * is ignored here. Errors found before the first event keep OpenAI's JSON error body and status. A synthesis failure
 * after the stream began ends it with {@code event: error} and {@code data: {"type":"error","error":{"message",
 * "type","param","code"}}} (INFERRED: OpenAI documents no speech error event; openai-node's {@code Stream} throws an
 * {@code APIError} from an {@code error} event's {@code error} object). A client that goes away stops synthesis as
 * on {@link TtsRest}.
 *
 * <p>Threading: as {@link TtsRest}, one call per request on its virtual thread.
 */
final class OpenAiSpeech implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiSpeech.class);
    /** OpenAI's output rate for every format (its {@code pcm} is 24 kHz s16le mono). */
    static final int SAMPLE_RATE = 24000;
    /**
     * OpenAI voice names onto Parley's five voices, by gender and character: female bright/energetic
     * {@code nova, shimmer, marin} to {@code eve}; female warm/calm {@code coral, sage} to {@code ara}; male clear
     * {@code ash, echo, verse} to {@code rex}; neutral {@code alloy, cedar} to {@code sal}; male deep, British or
     * storytelling {@code onyx, fable, ballad} to {@code leo}.
     */
    static final Map<String, String> OPENAI_VOICES = openAiVoices();

    private static final java.util.Set<String> STREAM_FORMATS = java.util.Set.of("audio", "sse");

    private final TtsRest rest;
    private final TtsService service;

    OpenAiSpeech(TtsRest rest, TtsService service) {
        this.rest = rest;
        this.service = service;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        long start = System.nanoTime();
        Parsed p = parse(ex.body(TtsRest.MAX_BODY_BYTES));
        rest.serve(ex, p.request(), "input", start, p.sse() ? new Sse(p.request().text()) : TtsRest.RAW);
    }

    /** An OpenAI speech body as a Parley TTS request, and whether it asked for {@code stream_format: "sse"}. */
    record Parsed(TtsRequest request, boolean sse) {}

    /**
     * Translates an OpenAI speech body into a Parley TTS request (the body is read once).
     *
     * @throws ApiException 400 naming the field at fault ({@link ApiException#param()})
     */
    Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(Json.malformed("We could not parse the JSON body of your request", e));
        }
        if (root == null || !root.isObject()) throw ApiException.badRequest("The request body must be a JSON object");
        JsonNode m = root.get("model");
        if (m != null && !m.isNull() && !m.isString()) throw ApiException.invalidParam("model", "'model' must be a string");

        JsonNode in = root.get("input");
        if (in == null || in.isNull()) throw ApiException.invalidParam("input", "Missing required parameter: 'input'");
        if (!in.isString()) throw ApiException.invalidParam("input", "'input' must be a string");
        String input = in.stringValue();
        try {
            TtsRequest.checkText(input, "input", service.settings.maxTextChars());
        } catch (ApiException e) {
            throw ApiException.invalidParam("input", e.getMessage());
        }

        String voice = voice(root.get("voice"));
        WireCodec codec = codec(root.get("response_format"));
        double speed = speed(root.get("speed"));
        JsonNode sf = root.get("stream_format");
        if (sf != null && !sf.isNull() && !(sf.isString() && STREAM_FORMATS.contains(sf.stringValue()))) {
            throw ApiException.invalidParam("stream_format", "Invalid stream_format " + sf
                    + ": expected 'audio' (the audio itself) or 'sse' (server-sent events)");
        }
        OutputFormat format = new OutputFormat(codec, SAMPLE_RATE, OutputFormat.DEFAULT_BIT_RATE);
        return new Parsed(new TtsRequest(input, "auto", voice, format, speed, 0, true, false, Replacements.NONE),
                sf != null && sf.isString() && sf.stringValue().equals("sse"));
    }

    /** A Parley voice id (any case), else an OpenAI name mapped onto one. */
    private String voice(JsonNode v) {
        if (v != null && v.isObject()) v = v.get("id"); // {"id": "<custom voice id>"}
        if (v == null || v.isNull()) throw ApiException.invalidParam("voice", "Missing required parameter: 'voice'");
        if (!v.isString() || v.stringValue().isBlank()) {
            throw ApiException.invalidParam("voice", "'voice' must be a voice name or {\"id\": \"...\"}");
        }
        String name = v.stringValue().strip();
        if (service.catalog.find(name).isPresent()) return name;
        String mapped = OPENAI_VOICES.get(name.toLowerCase(Locale.ROOT));
        if (mapped != null && service.catalog.find(mapped).isPresent()) return mapped;
        throw ApiException.invalidParam("voice", "Unknown voice '" + name + "': use a Parley voice ("
                + String.join(", ", service.catalog.all().stream().map(e -> e.voice().voiceId()).toList())
                + ") or an OpenAI voice (" + String.join(", ", OPENAI_VOICES.keySet()) + ")");
    }

    private static WireCodec codec(JsonNode f) {
        if (f == null || f.isNull()) return WireCodec.MP3;
        if (!f.isString()) throw ApiException.invalidParam("response_format", "'response_format' must be a string");
        return switch (f.stringValue().strip().toLowerCase(Locale.ROOT)) {
            case "mp3" -> WireCodec.MP3;
            case "wav" -> WireCodec.WAV;
            case "pcm" -> WireCodec.PCM;
            case "opus" -> WireCodec.OPUS;
            case "aac" -> WireCodec.AAC;
            case "flac" -> WireCodec.FLAC;
            default -> throw ApiException.invalidParam("response_format", "Invalid response_format '"
                    + f.stringValue() + "': expected one of mp3, opus, aac, flac, wav, pcm");
        };
    }

    private static double speed(JsonNode s) {
        if (s == null || s.isNull()) return 1.0;
        if (!s.isNumber()) throw ApiException.invalidParam("speed", "'speed' must be a number");
        double v = s.doubleValue();
        if (!(v >= 0.25 && v <= 4.0)) {
            throw ApiException.invalidParam("speed", "'speed' must be between 0.25 and 4.0, got " + v);
        }
        return v;
    }

    /** The Parley voice an OpenAI voice name maps to, if it is one. */
    static Optional<String> mapped(String openAiVoice) {
        return Optional.ofNullable(OPENAI_VOICES.get(openAiVoice.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, String> openAiVoices() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("alloy", "sal");
        m.put("ash", "rex");
        m.put("ballad", "leo");
        m.put("cedar", "sal");
        m.put("coral", "ara");
        m.put("echo", "rex");
        m.put("fable", "leo");
        m.put("marin", "eve");
        m.put("nova", "eve");
        m.put("onyx", "leo");
        m.put("sage", "ara");
        m.put("shimmer", "eve");
        m.put("verse", "rex");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** {@code stream_format: "sse"}: the encoded chunks as {@code speech.audio.delta} events, then one {@code done}. */
    private record Sse(String input) implements TtsRest.Framing {
        @Override
        public OutputStream open(Exchange ex, WireEncoder enc) {
            ex.header("Cache-Control", "no-cache");
            return new SseAudioStream(ex.stream(200, "text/event-stream"), enc,
                    input.codePointCount(0, input.length()));
        }

        @Override
        public boolean failed(Exchange ex, OutputStream out, RuntimeException e) {
            LOG.warn("Speech SSE stream {} failed after it began", ex.requestId(), e);
            return ((SseAudioStream) out).error(e);
        }
    }

    /**
     * Server-sent events around the encoded audio: each {@link #write} of a non-empty chunk is one
     * {@code speech.audio.delta} event, {@link #close} sends {@code speech.audio.done} with the usage and ends the
     * body. Not thread-safe (the request's thread only); the bytes written are encoded during the call and not kept.
     */
    static final class SseAudioStream extends OutputStream {
        private final OutputStream out;
        private final WireEncoder enc;
        private final int inputChars;
        private boolean ended;

        /**
         * @param out        the response body (closed by {@link #close} and {@link #error})
         * @param enc        the utterance's encoder, read for the duration at the end
         * @param inputChars the input's length in code points ({@code usage.input_tokens})
         */
        SseAudioStream(OutputStream out, WireEncoder enc, int inputChars) {
            this.out = out;
            this.enc = enc;
            this.inputChars = inputChars;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) return;
            ObjectNode delta = Json.MAPPER.createObjectNode();
            delta.put("type", "speech.audio.delta");
            delta.put("audio", Base64.getEncoder().encodeToString(Arrays.copyOfRange(b, off, off + len)));
            event(null, delta);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** Sends {@code speech.audio.done} and ends the body (idempotent). */
        @Override
        public void close() throws IOException {
            if (ended) return;
            ended = true;
            long outputTokens = Math.round(enc.seconds() * 20);
            ObjectNode done = Json.MAPPER.createObjectNode();
            done.put("type", "speech.audio.done");
            ObjectNode usage = done.putObject("usage");
            usage.put("input_tokens", inputChars);
            usage.put("output_tokens", outputTokens);
            usage.put("total_tokens", inputChars + outputTokens);
            event(null, done);
            out.close();
        }

        /**
         * Sends an {@code error} event for a failure after the stream began and ends the body.
         *
         * @return false when the client could not be told (it is gone)
         */
        boolean error(RuntimeException e) {
            if (ended) return false;
            ended = true;
            int status = e instanceof ApiException a ? a.status() : 500;
            String message = e instanceof ApiException ? e.getMessage()
                    : "Speech synthesis failed after the stream began; the audio sent is incomplete";
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("type", "error");
            event.set("error", Json.MAPPER.valueToTree(OpenAiErrorBody.of(status, message, null).error()));
            try {
                event("error", event);
                out.close();
                return true;
            } catch (IOException gone) {
                e.addSuppressed(gone);
                return false;
            }
        }

        private void event(String name, ObjectNode data) throws IOException {
            StringBuilder sb = new StringBuilder();
            if (name != null) sb.append("event: ").append(name).append('\n');
            sb.append("data: ").append(Json.MAPPER.writeValueAsString(data)).append("\n\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
