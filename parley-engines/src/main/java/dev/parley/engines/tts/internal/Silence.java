package dev.parley.engines.tts.internal;

import java.util.Arrays;

/**
 * Trims the silence a neural engine puts around every chunk. Kokoro and its students (hibari) begin each chunk with
 * about 300 ms and end it with about 470 ms of near silence, whatever the punctuation: untrimmed, that is 300 ms more
 * before the first word is heard and close to a second between chunks. Pauses between chunks come from
 * {@link dev.parley.engines.tts.TtsEngine#gapAfterMs} instead. Stateless.
 */
public final class Silence {
    /** Kept before the first audible sample, so the onset is not cut. */
    static final int LEAD_MS = 30;
    /** Kept after the last audible sample, so the decay is not cut. */
    static final int TRAIL_MS = 60;

    private Silence() {}

    /**
     * {@code pcm} without its leading and trailing near silence (below 1 % of full scale, or a tenth of the peak for
     * quiet audio such as a whisper), keeping {@value #LEAD_MS} and {@value #TRAIL_MS} ms around the sound.
     *
     * @return a new array, or {@code pcm} itself when there is nothing to trim; empty when all of it is silent
     */
    public static float[] trim(float[] pcm, int sampleRate) {
        float peak = 0;
        for (float v : pcm) peak = Math.max(peak, Math.abs(v));
        if (peak == 0) return new float[0];
        float threshold = Math.min(0.01f, peak * 0.1f);
        int first = 0;
        while (Math.abs(pcm[first]) < threshold) first++;
        int last = pcm.length - 1;
        while (Math.abs(pcm[last]) < threshold) last--;
        int from = Math.max(0, first - LEAD_MS * sampleRate / 1000);
        int to = Math.min(pcm.length, last + 1 + TRAIL_MS * sampleRate / 1000);
        return from == 0 && to == pcm.length ? pcm : Arrays.copyOfRange(pcm, from, to);
    }
}
