package dev.parley.engines.tts.internal;

/** Volume for engines that have no volume control of their own. */
public final class Gain {
    private Gain() {}

    /** Multiplies by {@code gain} and clips to [-1, 1], in place; returns {@code pcm}. */
    public static float[] apply(float[] pcm, double gain) {
        for (int i = 0; i < pcm.length; i++) {
            float v = (float) (pcm[i] * gain);
            pcm[i] = v > 1f ? 1f : (v < -1f ? -1f : v);
        }
        return pcm;
    }
}
