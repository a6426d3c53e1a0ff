package dev.parley.engines.tts.internal;

import java.util.List;

/** Joins the audio of an engine's model calls (a chunk longer than one call takes). Stateless. */
public final class Samples {
    private Samples() {}

    /** The arrays one after the other, in a new array; the parts are not kept. */
    public static float[] concat(List<float[]> parts) {
        int total = 0;
        for (float[] a : parts) total += a.length;
        float[] out = new float[total];
        int off = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, off, a.length);
            off += a.length;
        }
        return out;
    }
}
