package dev.parley.engines.stt.internal;

/**
 * Minimal windowed-sinc resampler for whole buffers, used by the STT benchmark and tests to bring 8, 22.05 and
 * 44.1 kHz files to 16 kHz. Temporary: to be replaced by {@code dev.parley.audio.Resampler} once parley-audio has it.
 * Not for the per-frame hot path (it is O(taps) per output sample with a double-precision sinc).
 */
public final class SincResampler {
    private static final int HALF_TAPS = 24;

    private SincResampler() {}

    /** Resamples mono audio from {@code fromHz} to {@code toHz}; returns the input itself when the rates match. */
    public static float[] resample(float[] in, int fromHz, int toHz) {
        if (fromHz <= 0 || toHz <= 0) throw new IllegalArgumentException("rates must be positive");
        if (fromHz == toHz) return in;
        double ratio = (double) fromHz / toHz;           // input samples per output sample
        double cutoff = Math.min(1.0, (double) toHz / fromHz) * 0.95; // fraction of the input Nyquist
        int half = (int) Math.ceil(HALF_TAPS / Math.min(1.0, cutoff));
        int outLen = (int) Math.floor((long) in.length * (long) toHz / (double) fromHz);
        float[] out = new float[outLen];
        for (int n = 0; n < outLen; n++) {
            double t = n * ratio;
            int center = (int) Math.floor(t);
            double acc = 0;
            double norm = 0;
            for (int k = center - half + 1; k <= center + half; k++) {
                double x = t - k;
                double w = 0.5 + 0.5 * Math.cos(Math.PI * x / half); // Hann window over [-half, half]
                double s = cutoff * sinc(cutoff * x) * w;
                norm += s;
                if (k >= 0 && k < in.length) acc += in[k] * s;
            }
            out[n] = (float) (acc / norm);
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-9) return 1.0;
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
