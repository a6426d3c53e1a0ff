package dev.parley.client;

/**
 * Query parameters of the TTS WebSocket. Null fields are not sent (server defaults: voice {@code eve}, codec
 * {@code mp3}, 24000 Hz).
 *
 * @param voice                    voice id, or null
 * @param language                 language code or {@code auto}, or null
 * @param codec                    audio codec of {@code audio.delta}, or null
 * @param sampleRate               Hz, or null
 * @param bitRate                  MP3 bits per second, or null
 * @param speed                    0.7–1.5, or null
 * @param optimizeStreamingLatency 0 or 1, or null
 * @param textNormalization        or null
 * @param withTimestamps           add character times to {@code audio.delta}, or null
 */
public record TtsStreamOptions(String voice, String language, AudioCodec codec, Integer sampleRate, Integer bitRate,
        Double speed, Integer optimizeStreamingLatency, Boolean textNormalization, Boolean withTimestamps) {

    /** English in the default voice, as raw PCM at {@code sampleRate}. */
    public static TtsStreamOptions pcm(String voice, int sampleRate) {
        return new TtsStreamOptions(voice, "en", AudioCodec.PCM, sampleRate, null, null, null, null, null);
    }

    /** The given voice, language and codec at the server's default rate. */
    public static TtsStreamOptions of(String voice, String language, AudioCodec codec) {
        return new TtsStreamOptions(voice, language, codec, null, null, null, null, null, null);
    }

    public TtsStreamOptions withSampleRate(int hz) {
        return new TtsStreamOptions(voice, language, codec, hz, bitRate, speed, optimizeStreamingLatency, textNormalization, withTimestamps);
    }

    public TtsStreamOptions withSpeed(double speed) {
        return new TtsStreamOptions(voice, language, codec, sampleRate, bitRate, speed, optimizeStreamingLatency, textNormalization, withTimestamps);
    }

    public TtsStreamOptions withTimestamps(boolean on) {
        return new TtsStreamOptions(voice, language, codec, sampleRate, bitRate, speed, optimizeStreamingLatency, textNormalization, on);
    }
}
