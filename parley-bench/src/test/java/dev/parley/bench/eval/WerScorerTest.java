package dev.parley.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WerScorerTest {
    @Test
    void identicalTextsAfterNormalisationHaveZeroWer() {
        assertThat(WerScorer.wer("And so, my fellow Americans!", "and so my fellow americans")).isZero();
    }

    @Test
    void countsSubstitutionsDeletionsAndInsertionsSeparately() {
        WerScorer.Score s = WerScorer.score("a b c d e f", "a x c e f g");
        assertThat(s.referenceWords()).isEqualTo(6);
        assertThat(s.substitutions()).isEqualTo(1);
        assertThat(s.deletions()).isEqualTo(1);
        assertThat(s.insertions()).isEqualTo(1);
        assertThat(s.wer()).isEqualTo(0.5);
    }

    @Test
    void spelledAndDigitNumbersCompareEqual() {
        assertThat(WerScorer.wer("forty-two line Bible of about fourteen fifty-five", "42 line Bible of about 1455"))
                .isZero();
    }

    @Test
    void emptyHypothesisIsAllDeletions() {
        assertThat(WerScorer.wer("one two three", "")).isEqualTo(1.0);
    }

    @Test
    void scoresAddUpWeightedByWords() {
        WerScorer.Score a = WerScorer.score("a b c d", "a b c x");
        WerScorer.Score b = WerScorer.score("e f", "e f");
        assertThat(a.plus(b).wer()).isEqualTo(1.0 / 6);
    }
}
