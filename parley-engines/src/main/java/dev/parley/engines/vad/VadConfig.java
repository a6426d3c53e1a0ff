package dev.parley.engines.vad;

/**
 * Segmentation settings for {@link VadSegmenter}; the defaults are Silero's own ({@code get_speech_timestamps}).
 *
 * @param threshold speech starts at a chunk probability at or above this (0-1, default 0.5)
 * @param negThreshold speech is silent again below this (default {@code max(threshold - 0.15, 0.01)})
 * @param minSilenceMs silence needed to end speech (default 100 ms)
 * @param speechPadMs padding added before a start and after an end (default 30 ms), clamped so that segments never
 *     overlap and never extend past the audio seen so far; also called prefix padding
 * @param minSpeechMs speech shorter than this is dropped; a streaming start is reported only once speech has
 *     lasted this long (default 250 ms)
 * @param maxSpeechMs longer speech is split, at the last pause of at least 98 ms if there was one, else hard
 *     (default 0 = never split)
 */
public record VadConfig(float threshold, float negThreshold, int minSilenceMs, int speechPadMs, int minSpeechMs,
                        int maxSpeechMs) {
    public VadConfig {
        if (!(threshold > 0f && threshold <= 1f)) throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
        if (!(negThreshold >= 0f && negThreshold <= threshold)) {
            throw new IllegalArgumentException("negThreshold must be in [0, threshold]: " + negThreshold);
        }
        if (minSilenceMs < 0 || speechPadMs < 0 || minSpeechMs < 0 || maxSpeechMs < 0) {
            throw new IllegalArgumentException("durations must be >= 0");
        }
    }

    /** Silero's defaults: 0.5 / 0.35, 100 ms silence, 30 ms pad, 250 ms minimum speech, no maximum. */
    public static VadConfig defaults() {
        return ofThreshold(0.5f);
    }

    /** Defaults with another start threshold (the end threshold follows it, 0.15 lower). */
    public static VadConfig ofThreshold(float threshold) {
        return new VadConfig(threshold, Math.max(threshold - 0.15f, 0.01f), 100, 30, 250, 0);
    }

    public VadConfig withMinSilenceMs(int ms) {
        return new VadConfig(threshold, negThreshold, ms, speechPadMs, minSpeechMs, maxSpeechMs);
    }

    public VadConfig withSpeechPadMs(int ms) {
        return new VadConfig(threshold, negThreshold, minSilenceMs, ms, minSpeechMs, maxSpeechMs);
    }

    public VadConfig withMinSpeechMs(int ms) {
        return new VadConfig(threshold, negThreshold, minSilenceMs, speechPadMs, ms, maxSpeechMs);
    }

    public VadConfig withMaxSpeechMs(int ms) {
        return new VadConfig(threshold, negThreshold, minSilenceMs, speechPadMs, minSpeechMs, ms);
    }
}
