package dev.parley.bench.eval;

import java.util.List;

/**
 * Word error rate: word-level Levenshtein distance between the {@link TextNormalizer normalised} reference and
 * hypothesis, divided by the number of reference words. Pure, thread-safe.
 */
public final class WerScorer {
    private WerScorer() {}

    /**
     * Edit counts of one comparison.
     *
     * @param referenceWords words in the normalised reference (the denominator)
     */
    public record Score(int referenceWords, int substitutions, int deletions, int insertions) {
        public int errors() {
            return substitutions + deletions + insertions;
        }

        /** Errors / reference words; 0 for an empty reference and empty hypothesis, 1 per inserted word otherwise. */
        public double wer() {
            if (referenceWords == 0) return errors() == 0 ? 0.0 : errors();
            return errors() / (double) referenceWords;
        }

        /** The sum of two scores (for per-set and overall rates, weighted by words). */
        public Score plus(Score o) {
            return new Score(referenceWords + o.referenceWords, substitutions + o.substitutions,
                    deletions + o.deletions, insertions + o.insertions);
        }

        public static Score zero() {
            return new Score(0, 0, 0, 0);
        }
    }

    /** Scores raw texts (normalises both). */
    public static Score score(String reference, String hypothesis) {
        return score(TextNormalizer.words(reference), TextNormalizer.words(hypothesis));
    }

    /** WER of raw texts. */
    public static double wer(String reference, String hypothesis) {
        return score(reference, hypothesis).wer();
    }

    /** Scores already normalised word lists. */
    public static Score score(List<String> ref, List<String> hyp) {
        int n = ref.size();
        int m = hyp.size();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int sub = d[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        int s = 0;
        int del = 0;
        int ins = 0;
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1)) {
                if (!ref.get(i - 1).equals(hyp.get(j - 1))) s++;
                i--;
                j--;
            } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
                del++;
                i--;
            } else {
                ins++;
                j--;
            }
        }
        return new Score(n, s, del, ins);
    }
}
