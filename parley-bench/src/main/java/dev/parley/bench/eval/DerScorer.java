package dev.parley.bench.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Diarization error rate, NIST md-eval style: {@code DER = (missed + false alarm + confusion) / reference speech}.
 *
 * <p>Time is scored exactly (no frame grid) on the elementary intervals between all turn boundaries. In each
 * interval with {@code R} reference and {@code H} hypothesis speakers active: missed {@code max(0, R-H)},
 * false alarm {@code max(0, H-R)}, confusion {@code min(R, H) - correct}, where {@code correct} counts
 * reference speakers whose mapped hypothesis speaker is also active; overlapped speech is scored. The
 * reference-to-hypothesis speaker mapping is the one-to-one mapping that maximises the total co-active time
 * (Hungarian algorithm). A forgiveness collar of {@code collar} seconds on each side of every reference turn
 * boundary (start and end) is excluded from scoring: {@link #DEFAULT_COLLAR} = 0.25 s, i.e. 0.5 s around each
 * boundary, as in md-eval {@code -c 0.25}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DerScorer {
    /** Default forgiveness collar, seconds on each side of a reference boundary. */
    public static final double DEFAULT_COLLAR = 0.25;

    private DerScorer() {}

    /**
     * One speaker's turn: {@code [start, end)} seconds from the start of the audio, speaker numbered from 0. The
     * scorer's own type, so that it does not depend on the diarizer it scores.
     */
    public record Turn(double start, double end, int speaker) {
        public Turn {
            if (!(start >= 0) || !(end >= start) || Double.isInfinite(end)) {
                throw new IllegalArgumentException("turn needs 0 <= start <= end (finite), got [" + start + ", " + end + "]");
            }
            if (speaker < 0) throw new IllegalArgumentException("speaker must be >= 0, got " + speaker);
        }
    }

    /**
     * Scored durations in seconds.
     *
     * @param reference  reference speech time scored (outside the collars, overlap counted per speaker)
     * @param missed     reference speech with no hypothesis speaker
     * @param falseAlarm hypothesis speech with no reference speaker
     * @param confusion  speech given to the wrong speaker
     */
    public record Result(double reference, double missed, double falseAlarm, double confusion) {
        /** The error rate, {@code (missed + falseAlarm + confusion) / reference}; 0 when both are empty. */
        public double der() {
            double err = missed + falseAlarm + confusion;
            if (reference <= 0) return err > 0 ? Double.POSITIVE_INFINITY : 0;
            return err / reference;
        }

        /** Sums two results (for an overall score over several files). */
        public Result plus(Result o) {
            return new Result(reference + o.reference, missed + o.missed, falseAlarm + o.falseAlarm, confusion + o.confusion);
        }

        @Override
        public String toString() {
            return String.format("DER %.1f%% (ref %.2fs, miss %.2fs, fa %.2fs, conf %.2fs)",
                    100 * der(), reference, missed, falseAlarm, confusion);
        }
    }

    /** Scores with the {@link #DEFAULT_COLLAR}. */
    public static Result score(List<Turn> reference, List<Turn> hypothesis) {
        return score(reference, hypothesis, DEFAULT_COLLAR);
    }

    /** Scores {@code hypothesis} against {@code reference} with a collar of {@code collar} seconds ({@code >= 0}). */
    public static Result score(List<Turn> reference, List<Turn> hypothesis, double collar) {
        if (!(collar >= 0)) throw new IllegalArgumentException("collar must be >= 0, got " + collar);
        TreeSet<Double> cuts = new TreeSet<>();
        List<double[]> excluded = new ArrayList<>();
        for (Turn t : reference) {
            cuts.add(t.start());
            cuts.add(t.end());
            if (collar > 0) {
                for (double b : new double[] {t.start(), t.end()}) {
                    double lo = Math.max(0, b - collar), hi = b + collar;
                    excluded.add(new double[] {lo, hi});
                    cuts.add(lo);
                    cuts.add(hi);
                }
            }
        }
        for (Turn t : hypothesis) {
            cuts.add(t.start());
            cuts.add(t.end());
        }
        int nRef = 1 + reference.stream().mapToInt(Turn::speaker).max().orElse(-1);
        int nHyp = 1 + hypothesis.stream().mapToInt(Turn::speaker).max().orElse(-1);
        Double[] c = cuts.toArray(new Double[0]);
        // elementary intervals (midpoint tests are exact because every boundary is a cut)
        List<double[]> spans = new ArrayList<>();
        List<boolean[]> refOn = new ArrayList<>(), hypOn = new ArrayList<>();
        for (int i = 0; i + 1 < c.length; i++) {
            double a = c[i], b = c[i + 1], mid = 0.5 * (a + b);
            if (b <= a) continue;
            boolean skip = false;
            for (double[] x : excluded) if (mid > x[0] && mid < x[1]) skip = true;
            if (skip) continue;
            boolean[] r = active(reference, mid, nRef), h = active(hypothesis, mid, nHyp);
            spans.add(new double[] {b - a});
            refOn.add(r);
            hypOn.add(h);
        }
        double[][] overlap = new double[nRef][nHyp];
        for (int s = 0; s < spans.size(); s++) {
            boolean[] r = refOn.get(s), h = hypOn.get(s);
            for (int i = 0; i < nRef; i++) if (r[i]) for (int j = 0; j < nHyp; j++) if (h[j]) overlap[i][j] += spans.get(s)[0];
        }
        int[] map = Hungarian.maximise(overlap, nRef, nHyp);
        double ref = 0, miss = 0, fa = 0, conf = 0;
        for (int s = 0; s < spans.size(); s++) {
            boolean[] r = refOn.get(s), h = hypOn.get(s);
            double dt = spans.get(s)[0];
            int nr = count(r), nh = count(h), correct = 0;
            for (int i = 0; i < nRef; i++) if (r[i] && map[i] >= 0 && h[map[i]]) correct++;
            ref += nr * dt;
            miss += Math.max(0, nr - nh) * dt;
            fa += Math.max(0, nh - nr) * dt;
            conf += (Math.min(nr, nh) - correct) * dt;
        }
        return new Result(ref, miss, fa, conf);
    }

    private static boolean[] active(List<Turn> turns, double t, int n) {
        boolean[] on = new boolean[n];
        for (Turn x : turns) if (x.start() < t && t < x.end()) on[x.speaker()] = true;
        return on;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) if (x) n++;
        return n;
    }

    /**
     * Parses the {@code speaker} column of {@code shared/speech/manifest.tsv} for multi-speaker files:
     * {@code name@start-end s} or {@code name@start+duration s} items separated by {@code ;}, e.g.
     * {@code A@1.46-2.82s;B@3.36+1.0s}. Speakers are numbered 0.. by first appearance in time; turns are
     * returned sorted by start.
     *
     * @throws IllegalArgumentException if an item does not have that form
     */
    public static List<Turn> parseReference(String column) {
        record Raw(String name, double start, double end) {}
        List<Raw> raw = new ArrayList<>();
        for (String item : column.split(";")) {
            String it = item.strip();
            if (it.isEmpty()) continue;
            int at = it.lastIndexOf('@');
            if (at <= 0) throw new IllegalArgumentException("reference turn without name@time: '" + it + "'");
            String name = it.substring(0, at), spec = it.substring(at + 1).strip();
            if (spec.endsWith("s")) spec = spec.substring(0, spec.length() - 1);
            try {
                int plus = spec.indexOf('+'), minus = spec.indexOf('-', 1);
                if (plus > 0) {
                    double s = Double.parseDouble(spec.substring(0, plus));
                    raw.add(new Raw(name, s, s + Double.parseDouble(spec.substring(plus + 1))));
                } else if (minus > 0) {
                    raw.add(new Raw(name, Double.parseDouble(spec.substring(0, minus)), Double.parseDouble(spec.substring(minus + 1))));
                } else {
                    throw new IllegalArgumentException("reference turn time must be start-end or start+duration: '" + it + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in reference turn '" + it + "'", e);
            }
        }
        raw.sort(Comparator.comparingDouble(Raw::start));
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<Turn> out = new ArrayList<>();
        for (Raw r : raw) out.add(new Turn(r.start, r.end, ids.computeIfAbsent(r.name, k -> ids.size())));
        return out;
    }

    /** Number of distinct speakers in {@code turns}. */
    public static int speakerCount(List<Turn> turns) {
        return (int) turns.stream().mapToInt(Turn::speaker).distinct().count();
    }

}
