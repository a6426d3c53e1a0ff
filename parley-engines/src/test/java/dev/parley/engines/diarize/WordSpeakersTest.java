package dev.parley.engines.diarize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordSpeakersTest {
    record Word(String text, double start, double end) {}

    private static final List<SpeakerTurn> TURNS = List.of(
            new SpeakerTurn(0.0, 2.0, 0), new SpeakerTurn(2.0, 4.0, 1), new SpeakerTurn(5.0, 6.0, 0));

    @Test
    void wordGoesToTheSpeakerItOverlapsMost() {
        assertThat(WordSpeakers.speakerOf(TURNS, 1.8, 2.5)).isEqualTo(1);
        assertThat(WordSpeakers.speakerOf(TURNS, 1.5, 2.1)).isEqualTo(0);
    }

    @Test
    void wordInAGapGoesToTheNearestTurn() {
        assertThat(WordSpeakers.speakerOf(TURNS, 4.1, 4.3)).isEqualTo(1);
        assertThat(WordSpeakers.speakerOf(TURNS, 4.7, 4.9)).isEqualTo(0);
        assertThat(WordSpeakers.speakerOf(TURNS, 7.0, 7.5)).isEqualTo(0);
    }

    @Test
    void zeroLengthWordInsideATurnGetsThatTurnsSpeaker() {
        assertThat(WordSpeakers.speakerOf(TURNS, 3.0, 3.0)).isEqualTo(1);
    }

    @Test
    void withoutTurnsEveryWordIsSpeakerZero() {
        assertThat(WordSpeakers.speakerOf(List.of(), 1, 2)).isZero();
    }

    @Test
    void assignsAListOfWordsThroughTimeAccessors() {
        List<Word> words = List.of(new Word("hello", 0.1, 0.5), new Word("there", 2.2, 2.6), new Word("bye", 5.1, 5.4));
        assertThat(WordSpeakers.assign(TURNS, words, Word::start, Word::end)).containsExactly(0, 1, 0);
    }

    @Test
    void rejectsAWordThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> WordSpeakers.speakerOf(TURNS, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
