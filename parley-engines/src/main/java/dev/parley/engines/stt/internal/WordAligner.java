package dev.parley.engines.stt.internal;

import dev.parley.engines.stt.SttWord;
import dev.parley.engines.stt.VoskRecognizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives times to the words of an accurate transcript (Moonshine's, which has none) by aligning them to the timed
 * words of a second recogniser (Vosk) on the same audio.
 *
 * <p>Method: each transcript word is normalised ({@link TextNormalizer}: lower case, no punctuation, numbers
 * spelled) into one or more tokens; the token sequence is aligned to the Vosk words with a Levenshtein alignment in
 * which a substitution costs the normalised character distance of the two words (so similar words pair up) and an
 * insertion or deletion costs 1. A transcript word takes the span of the Vosk words its tokens were paired with, and
 * their confidence (scaled by the character similarity when the words differ). Words with no pair get times
 * interpolated between their timed neighbours (or the segment bounds), shared by character length, with confidence
 * 0. A final pass makes the times monotonic and non-overlapping. Pure, thread-safe.
 */
public final class WordAligner {
    private static final double MIN_WORD = 0.06;

    private WordAligner() {}

    /**
     * Times for {@code words}, in order.
     *
     * @param words the transcript words (as displayed, with punctuation)
     * @param vosk Vosk's words on the same audio, absolute times, in order
     * @param spanStart where the segment's speech starts (seconds)
     * @param spanEnd where it ends
     */
    public static List<SttWord> align(List<String> words, List<VoskRecognizer.Word> vosk, double spanStart,
                                      double spanEnd) {
        int nw = words.size();
        List<String> tokens = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int w = 0; w < nw; w++) {
            for (String t : TextNormalizer.words(words.get(w))) {
                tokens.add(t);
                owner.add(w);
            }
        }
        int n = tokens.size();
        int m = vosk.size();
        double[][] d = new double[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        String[] vw = new String[m];
        for (int j = 0; j < m; j++) vw[j] = String.join("", TextNormalizer.words(vosk.get(j).word()));
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                double sub = d[i - 1][j - 1] + distance(tokens.get(i - 1), vw[j - 1]);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        double[] start = new double[nw];
        double[] end = new double[nw];
        double[] confSum = new double[nw];
        int[] paired = new int[nw];
        int[] tokCount = new int[nw];
        for (int o : owner) tokCount[o]++;
        java.util.Arrays.fill(start, Double.NaN);
        java.util.Arrays.fill(end, Double.NaN);
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            double dist = distance(tokens.get(i - 1), vw[j - 1]);
            if (Math.abs(d[i][j] - (d[i - 1][j - 1] + dist)) < 1e-9) {
                int w = owner.get(i - 1);
                VoskRecognizer.Word v = vosk.get(j - 1);
                start[w] = Double.isNaN(start[w]) ? v.start() : Math.min(start[w], v.start());
                end[w] = Double.isNaN(end[w]) ? v.end() : Math.max(end[w], v.end());
                confSum[w] += v.confidence() * (1.0 - dist);
                paired[w]++;
                i--;
                j--;
            } else if (Math.abs(d[i][j] - (d[i - 1][j] + 1)) < 1e-9) {
                i--;
            } else {
                j--;
            }
        }
        List<double[]> times = new ArrayList<>(nw);
        for (int w = 0; w < nw; w++) times.add(paired[w] > 0 ? new double[] {start[w], end[w]} : null);
        interpolate(words, times, spanStart, spanEnd);
        List<SttWord> out = new ArrayList<>(nw);
        double prevEnd = spanStart;
        for (int w = 0; w < nw; w++) {
            double[] t = times.get(w);
            double s = Math.max(t[0], prevEnd);
            double e = Math.max(t[1], s);
            prevEnd = e;
            double conf = paired[w] > 0 ? Math.min(1.0, confSum[w] / Math.max(tokCount[w], paired[w])) : 0.0;
            out.add(new SttWord(words.get(w), s, e, conf));
        }
        return out;
    }

    /** Fills the null entries between timed neighbours (or the span bounds), shared by character length. */
    private static void interpolate(List<String> words, List<double[]> times, double spanStart, double spanEnd) {
        int nw = words.size();
        int w = 0;
        while (w < nw) {
            if (times.get(w) != null) {
                w++;
                continue;
            }
            int from = w;
            while (w < nw && times.get(w) == null) w++;
            int to = w; // exclusive
            int k = to - from;
            double lo = from == 0 ? spanStart : times.get(from - 1)[1];
            double hi = to == nw ? spanEnd : times.get(to)[0];
            double need = MIN_WORD * k;
            if (hi - lo < need && from > 0) { // borrow from the left neighbour, down to half of it
                double[] prev = times.get(from - 1);
                double newLo = Math.max(prev[0] + (prev[1] - prev[0]) / 2, hi - need);
                if (newLo < lo) {
                    lo = newLo;
                    prev[1] = lo;
                }
            }
            if (hi - lo < need && to < nw) { // and from the right one
                double[] next = times.get(to);
                double newHi = Math.min(next[1] - (next[1] - next[0]) / 2, lo + need);
                if (newHi > hi) {
                    hi = newHi;
                    next[0] = hi;
                }
            }
            if (hi < lo) hi = lo;
            double total = 0;
            for (int q = from; q < to; q++) total += Math.max(1, words.get(q).length());
            double at = lo;
            for (int q = from; q < to; q++) {
                double len = (hi - lo) * Math.max(1, words.get(q).length()) / total;
                times.set(q, new double[] {at, at + len});
                at += len;
            }
        }
    }

    /** Character edit distance over the longer length: 0 for equal words, 1 for nothing in common. */
    static double distance(String a, String b) {
        if (a.equals(b)) return 0.0;
        int n = a.length();
        int m = b.length();
        if (n == 0 || m == 0) return 1.0;
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) prev[j] = j;
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            for (int j = 1; j <= m; j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(prev[j - 1] + c, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m] / (double) Math.max(n, m);
    }
}
