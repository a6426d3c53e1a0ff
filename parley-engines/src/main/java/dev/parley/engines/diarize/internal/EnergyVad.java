package dev.parley.engines.diarize.internal;

import dev.parley.engines.diarize.SpeechSegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain energy speech detector (20 ms frames every 10 ms) for the benchmark and tests, where no neural VAD
 * runs. Threshold: {@code floor + max(9 dB, 0.3 * (peak - floor))} with floor/peak the 10th/99th percentile
 * of frame energy; input whose peak is under -60 dBFS or within 9 dB of its floor has no speech. Gaps under
 * 0.3 s are bridged, runs under 0.15 s dropped, 0.05 s of padding added on each side. Stateless.
 */
public final class EnergyVad {
    private EnergyVad() {}

    public static List<SpeechSegment> detect(float[] x, int rate) {
        int win = rate / 50, hop = rate / 100;
        int frames = x.length < win ? 0 : 1 + (x.length - win) / hop;
        List<SpeechSegment> out = new ArrayList<>();
        if (frames == 0) return out;
        double[] db = new double[frames];
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int i = 0; i < win; i++) {
                double v = x[f * hop + i];
                s += v * v;
            }
            db[f] = 10 * Math.log10(s / win + 1e-12);
        }
        double[] sorted = db.clone();
        Arrays.sort(sorted);
        double floor = sorted[(int) (0.10 * (frames - 1))], peak = sorted[(int) (0.99 * (frames - 1))];
        if (peak < -60 || peak - floor < 9) return out;
        double thr = floor + Math.max(9, 0.3 * (peak - floor));
        boolean[] on = new boolean[frames];
        for (int f = 0; f < frames; f++) on[f] = db[f] > thr;
        int gap = 30, minRun = 15;
        // bridge short gaps
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (!on[f]) continue;
            if (last >= 0 && f - last - 1 > 0 && f - last - 1 < gap) Arrays.fill(on, last + 1, f, true);
            last = f;
        }
        double sec = (double) hop / rate, total = (double) x.length / rate;
        for (int f = 0; f < frames; ) {
            if (!on[f]) {
                f++;
                continue;
            }
            int g = f;
            while (g < frames && on[g]) g++;
            if (g - f >= minRun) {
                double s = Math.max(0, f * sec - 0.05), e = Math.min(total, g * sec + (double) win / rate + 0.05);
                if (!out.isEmpty() && out.get(out.size() - 1).end() >= s) {
                    s = out.remove(out.size() - 1).start();
                }
                out.add(new SpeechSegment(s, e));
            }
            f = g;
        }
        return out;
    }
}
