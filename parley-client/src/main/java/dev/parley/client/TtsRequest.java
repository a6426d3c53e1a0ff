package dev.parley.client;

import java.util.Map;
import java.util.Objects;

/**
 * A {@code POST /v1/tts} request. Immutable; derive variants with the {@code with*} methods:
 * <pre>{@code
 * TtsRequest r = TtsRequest.of("Hello there.").withVoice("ara").withFormat(OutputFormat.of(AudioCodec.WAV, 16000));
 * }</pre>
 *
 * @param text                     1..15,000 characters; may carry speech tags such as {@code [pause]} or {@code <whisper>…</whisper>}
 * @param language                 BCP-47 code or {@code auto} (required by the API; {@link #of(String)} uses {@code en})
 * @param voiceId                  voice id (built-in or custom), or null for the server default ({@code eve})
 * @param outputFormat             codec and rates, or null for MP3 at 24 kHz
 * @param speed                    0.7–1.5, or null for 1.0
 * @param optimizeStreamingLatency 0–2, or null
 * @param textNormalization        normalize written forms before synthesis, or null
 * @param replace                  pronunciation substitutions (phrase to spoken form), or null
 */
public record TtsRequest(String text, String language, String voiceId, OutputFormat outputFormat, Double speed,
        Integer optimizeStreamingLatency, Boolean textNormalization, Map<String, String> replace) {
    public TtsRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        replace = replace == null ? null : Map.copyOf(replace);
    }

    /** English text in the default voice and format. */
    public static TtsRequest of(String text) {
        return new TtsRequest(text, "en", null, null, null, null, null, null);
    }

    public TtsRequest withLanguage(String language) {
        return new TtsRequest(text, language, voiceId, outputFormat, speed, optimizeStreamingLatency, textNormalization, replace);
    }

    public TtsRequest withVoice(String voiceId) {
        return new TtsRequest(text, language, voiceId, outputFormat, speed, optimizeStreamingLatency, textNormalization, replace);
    }

    public TtsRequest withFormat(OutputFormat outputFormat) {
        return new TtsRequest(text, language, voiceId, outputFormat, speed, optimizeStreamingLatency, textNormalization, replace);
    }

    public TtsRequest withSpeed(double speed) {
        return new TtsRequest(text, language, voiceId, outputFormat, speed, optimizeStreamingLatency, textNormalization, replace);
    }

    public TtsRequest withOptimizeStreamingLatency(int level) {
        return new TtsRequest(text, language, voiceId, outputFormat, speed, level, textNormalization, replace);
    }

    public TtsRequest withTextNormalization(boolean on) {
        return new TtsRequest(text, language, voiceId, outputFormat, speed, optimizeStreamingLatency, on, replace);
    }

    public TtsRequest withReplace(Map<String, String> replace) {
        return new TtsRequest(text, language, voiceId, outputFormat, speed, optimizeStreamingLatency, textNormalization, replace);
    }

    /** The codec the response will be in ({@link AudioCodec#MP3} when no format is set). */
    public AudioCodec codec() {
        return outputFormat == null ? AudioCodec.MP3 : outputFormat.codec();
    }
}
