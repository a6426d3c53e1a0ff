package dev.parley.server.tts;

import dev.parley.server.http.ApiException;
import dev.parley.server.http.Exchange;
import dev.parley.server.http.HttpHandler;
import dev.parley.server.http.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

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
 * clause; see {@link Codec} for the Content-Types); {@code speed} (0.25..4.0, default 1), {@code instructions} (ignored),
 * {@code stream_format} ({@code audio} only; {@code sse} is a 400). The language is detected from the text
 * ({@code auto}) and written forms are normalised ({@code text_normalization: true}), as OpenAI's models read
 * "$5" as "five dollars".
 *
 * <p>Threading: as {@link TtsRest}, one call per request on its virtual thread.
 */
final class OpenAiSpeech implements HttpHandler {
    /** OpenAI's output rate for every format (its {@code pcm} is 24 kHz s16le mono). */
    static final int SAMPLE_RATE = 24000;
    /**
     * OpenAI voice names onto Parley's five voices, by gender and character: female bright/energetic
     * {@code nova, shimmer, marin} to {@code eve}; female warm/calm {@code coral, sage} to {@code ara}; male clear
     * {@code ash, echo, verse} to {@code rex}; neutral {@code alloy, cedar} to {@code sal}; male deep, British or
     * storytelling {@code onyx, fable, ballad} to {@code leo}.
     */
    static final Map<String, String> OPENAI_VOICES = openAiVoices();

    private final TtsRest rest;
    private final TtsService service;

    OpenAiSpeech(TtsRest rest, TtsService service) {
        this.rest = rest;
        this.service = service;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        long start = System.nanoTime();
        rest.serve(ex, parse(ex.body(TtsRest.MAX_BODY_BYTES)), start);
    }

    /**
     * Translates an OpenAI speech body into a Parley TTS request.
     *
     * @throws ApiException 400 naming the field at fault ({@link ApiException#param()})
     */
    TtsRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("We could not parse the JSON body of your request: " + e.getOriginalMessage());
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
        Codec codec = codec(root.get("response_format"));
        double speed = speed(root.get("speed"));
        JsonNode sf = root.get("stream_format");
        if (sf != null && !sf.isNull() && !(sf.isString() && sf.stringValue().equals("audio"))) {
            throw ApiException.invalidParam("stream_format", "Unsupported stream_format " + sf
                    + ": this server streams the audio itself ('audio'); 'sse' is not supported");
        }
        OutputFormat format = new OutputFormat(codec, SAMPLE_RATE, OutputFormat.DEFAULT_BIT_RATE);
        return new TtsRequest(input, "auto", voice, format, speed, 0, true, false, Map.of());
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

    private static Codec codec(JsonNode f) {
        if (f == null || f.isNull()) return Codec.MP3;
        if (!f.isString()) throw ApiException.invalidParam("response_format", "'response_format' must be a string");
        return switch (f.stringValue().strip().toLowerCase(Locale.ROOT)) {
            case "mp3" -> Codec.MP3;
            case "wav" -> Codec.WAV;
            case "pcm" -> Codec.PCM;
            case "opus" -> Codec.OPUS;
            case "aac" -> Codec.AAC;
            case "flac" -> Codec.FLAC;
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
}
