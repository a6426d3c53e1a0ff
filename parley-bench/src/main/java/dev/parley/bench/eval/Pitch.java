package dev.parley.bench.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The median fundamental frequency of a voice, for telling voices apart by gender (benchmarks and tests): a
 * normalised autocorrelation per 40 ms frame (10 ms apart) over lags of 60–400 Hz; a frame counts as voiced when its
 * level is within 30 dB of the loudest frame and its best normalised correlation is at least 0.6. Stateless.
 */
public final class Pitch {
    private static final double MIN_HZ = 60;
    private static final double MAX_HZ = 400;

    private Pitch() {}

    /** F0 of each voiced frame, in Hz. */
    public static List<Double> voicedF0(float[] samples, int sampleRate) {
        int win = sampleRate * 40 / 1000;
        int step = sampleRate / 100;
        int minLag = (int) (sampleRate / MAX_HZ);
        int maxLag = (int) (sampleRate / MIN_HZ);
        double loudest = 0;
        for (int s = 0; s + win + maxLag <= samples.length; s += step) loudest = Math.max(loudest, energy(samples, s, win));
        List<Double> f0 = new ArrayList<>();
        for (int s = 0; s + win + maxLag <= samples.length; s += step) {
            double e0 = energy(samples, s, win);
            if (e0 < loudest * 1e-3 || e0 == 0) continue;
            double best = 0;
            int bestLag = -1;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double c = 0;
                for (int i = 0; i < win; i++) c += samples[s + i] * samples[s + i + lag];
                double r = c / Math.sqrt(e0 * energy(samples, s + lag, win));
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (best >= 0.6 && bestLag > 0) f0.add(sampleRate / (double) bestLag);
        }
        return f0;
    }

    /** The median F0 over the voiced frames, or NaN when none is voiced. */
    public static double medianF0(float[] samples, int sampleRate) {
        List<Double> f = new ArrayList<>(voicedF0(samples, sampleRate));
        if (f.isEmpty()) return Double.NaN;
        f.sort(null);
        return f.get(f.size() / 2);
    }

    private static double energy(float[] x, int from, int n) {
        double e = 0;
        for (int i = from; i < from + n; i++) e += x[i] * x[i];
        return e;
    }
}
