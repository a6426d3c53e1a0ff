package dev.parley.engines.tts.internal;

/**
 * A small windowed-sinc resampler for the TTS benchmark and tests (engine rate to Vosk's 16 kHz). Not on any audio
 * hot path; the product's resampler is {@code dev.parley.audio.Resampler}.
 */
public final class Resample {
    private Resample() {}

    /** Resamples mono audio; a new array. */
    public static float[] resample(float[] in, int from, int to) {
        if (from == to) return in.clone();
        double ratio = (double) to / from;
        int n = (int) Math.floor(in.length * ratio);
        float[] out = new float[n];
        double cutoff = Math.min(1.0, ratio) * 0.95;
        int half = 16;
        double step = 1.0 / ratio;
        for (int i = 0; i < n; i++) {
            double center = i * step;
            int c = (int) Math.floor(center);
            double acc = 0;
            double wsum = 0;
            int reach = (int) Math.ceil(half / cutoff);
            for (int j = c - reach + 1; j <= c + reach; j++) {
                double x = (center - j) * cutoff;
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                double wx = (center - j) / (reach + 1);
                double win = Math.abs(wx) >= 1 ? 0 : 0.5 * (1 + Math.cos(Math.PI * wx));
                double w = sinc * win;
                wsum += w;
                if (j >= 0 && j < in.length) acc += in[j] * w;
            }
            out[i] = (float) (wsum == 0 ? 0 : acc / wsum);
        }
        return out;
    }
}
