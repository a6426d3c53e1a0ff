package dev.parley.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parley.bench.TestSpeech;
import dev.parley.bench.eval.DerScorer.Turn;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerScorerTest {
    private static Turn t(double s, double e, int spk) {
        return new Turn(s, e, spk);
    }

    @Test
    void identicalHypothesisHasZeroError() {
        List<Turn> ref = List.of(t(0, 5, 0), t(5, 9, 1), t(9, 12, 0));
        assertThat(DerScorer.score(ref, ref).der()).isZero();
    }

    @Test
    void speakerLabelsAreMappedOptimallySoSwappedLabelsCostNothing() {
        List<Turn> ref = List.of(t(0, 5, 0), t(5, 9, 1), t(9, 12, 2));
        List<Turn> hyp = List.of(t(0, 5, 2), t(5, 9, 0), t(9, 12, 1));
        assertThat(DerScorer.score(ref, hyp, 0).der()).isZero();
    }

    @Test
    void emptyHypothesisMissesAllReferenceSpeech() {
        DerScorer.Result r = DerScorer.score(List.of(t(0, 10, 0)), List.of(), 0);
        assertThat(r.missed()).isCloseTo(10, within(1e-9));
        assertThat(r.der()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void hypothesisSpeechInReferenceSilenceIsFalseAlarm() {
        DerScorer.Result r = DerScorer.score(List.of(t(0, 10, 0)), List.of(t(0, 10, 0), t(12, 14, 0)), 0);
        assertThat(r.falseAlarm()).isCloseTo(2, within(1e-9));
        assertThat(r.der()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void oneHypothesisSpeakerForTwoReferenceSpeakersIsConfusionForTheSmallerOne() {
        DerScorer.Result r = DerScorer.score(List.of(t(0, 12, 0), t(12, 20, 1)), List.of(t(0, 20, 0)), 0);
        assertThat(r.confusion()).isCloseTo(8, within(1e-9));
        assertThat(r.der()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void collarOfAQuarterSecondForgivesASmallBoundaryShift() {
        List<Turn> ref = List.of(t(0, 5, 0), t(5, 10, 1));
        List<Turn> hyp = List.of(t(0, 5.2, 0), t(5.2, 10, 1));
        assertThat(DerScorer.score(ref, hyp, 0).der()).isGreaterThan(0.01);
        assertThat(DerScorer.score(ref, hyp).der()).isZero();
    }

    @Test
    void collarExcludesAQuarterSecondOnEachSideOfEveryReferenceBoundary() {
        DerScorer.Result r = DerScorer.score(List.of(t(1, 11, 0)), List.of());
        assertThat(DerScorer.DEFAULT_COLLAR).isEqualTo(0.25);
        assertThat(r.reference()).isCloseTo(9.5, within(1e-9));
    }

    @Test
    void overlappedReferenceSpeechCountsEachSpeaker() {
        DerScorer.Result r = DerScorer.score(List.of(t(0, 10, 0), t(5, 10, 1)), List.of(t(0, 10, 0)), 0);
        assertThat(r.reference()).isCloseTo(15, within(1e-9));
        assertThat(r.missed()).isCloseTo(5, within(1e-9));
        assertThat(r.confusion()).isZero();
    }

    @Test
    void resultsAddUpAcrossFiles() {
        DerScorer.Result a = new DerScorer.Result(10, 1, 0, 0), b = new DerScorer.Result(30, 0, 1, 2);
        assertThat(a.plus(b).der()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void parsesManifestTurnsWrittenAsStartDashEnd() {
        List<Turn> turns = DerScorer.parseReference("ES2011a.Headset-1@1.46-2.82s;ES2011a.Headset-2@3.36-4.36s");
        assertThat(turns).containsExactly(t(1.46, 2.82, 0), t(3.36, 4.36, 1));
    }

    @Test
    void parsesManifestTurnsWrittenAsStartPlusDurationAndNumbersSpeakersByFirstAppearance() {
        List<Turn> turns = DerScorer.parseReference("b@7.55+0.80s;a@6.69+0.43s;b@9.92+1.11s");
        assertThat(turns).hasSize(3);
        assertThat(turns.get(0).speaker()).isZero();
        assertThat(turns.get(0).start()).isEqualTo(6.69);
        assertThat(turns.get(1).end()).isCloseTo(8.35, within(1e-9));
        assertThat(turns.get(2).speaker()).isEqualTo(1);
    }

    @Test
    void parsesEveryMultispeakerRowOfTheManifest() {
        assertThat(DerScorer.speakerCount(DerScorer.parseReference(TestSpeech.shared().speakers("multispeaker/pyannote_sample.wav")))).isEqualTo(2);
        assertThat(DerScorer.speakerCount(DerScorer.parseReference(TestSpeech.shared().speakers("multispeaker/ami_ES2011a_40s-46s.wav")))).isEqualTo(2);
    }

    @Test
    void rejectsATurnWithoutTimes() {
        assertThatThrownBy(() -> DerScorer.parseReference("alice@soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alice@soon");
        assertThatThrownBy(() -> DerScorer.parseReference("1.0-2.0s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTurnMustBeFiniteForwardAndHaveASpeaker() {
        assertThatThrownBy(() -> t(2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t(0, Double.POSITIVE_INFINITY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t(0, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsANegativeCollar() {
        assertThatThrownBy(() -> DerScorer.score(List.of(), List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
