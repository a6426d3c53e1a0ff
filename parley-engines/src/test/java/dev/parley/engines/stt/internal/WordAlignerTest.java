package dev.parley.engines.stt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.engines.stt.SttWord;
import dev.parley.engines.stt.VoskRecognizer.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordAlignerTest {
    @Test
    void matchedWordsTakeVoskTimesAndConfidence() {
        List<SttWord> out = WordAligner.align(List.of("Hello,", "world."),
                List.of(new Word("hello", 0.5, 0.9, 0.8), new Word("world", 1.0, 1.4, 0.95)), 0.3, 1.6);
        assertThat(out).containsExactly(new SttWord("Hello,", 0.5, 0.9, 0.8), new SttWord("world.", 1.0, 1.4, 0.95));
    }

    @Test
    void unmatchedWordIsInterpolatedBetweenItsNeighboursWithZeroConfidence() {
        List<SttWord> out = WordAligner.align(List.of("ask", "not", "what"),
                List.of(new Word("ask", 1.0, 1.3, 1), new Word("what", 2.0, 2.3, 1)), 0.5, 3.0);
        assertThat(out.get(1).start()).isCloseTo(1.3, within(1e-9));
        assertThat(out.get(1).end()).isCloseTo(2.0, within(1e-9));
        assertThat(out.get(1).confidence()).isZero();
    }

    @Test
    void similarWordsPairUpWithScaledConfidence() {
        List<SttWord> out = WordAligner.align(List.of("Schoffer"), List.of(new Word("shofer", 1.0, 1.5, 1.0)), 0, 2);
        assertThat(out.getFirst().start()).isEqualTo(1.0);
        assertThat(out.getFirst().confidence()).isBetween(0.1, 0.9);
    }

    @Test
    void digitsAlignToSpelledVoskWords() {
        List<SttWord> out = WordAligner.align(List.of("in", "1961"), List.of(new Word("in", 0.0, 0.2, 1),
                new Word("nineteen", 0.2, 0.6, 1), new Word("sixty", 0.6, 0.9, 1), new Word("one", 0.9, 1.1, 1)), 0, 2);
        assertThat(out.get(1)).isEqualTo(new SttWord("1961", 0.2, 1.1, 1.0));
    }

    @Test
    void withoutVoskWordsTheSpanIsSharedByCharacterLength() {
        List<SttWord> out = WordAligner.align(List.of("ab", "abcd"), List.of(), 1.0, 4.0);
        assertThat(out.get(0).end()).isCloseTo(2.0, within(1e-9));
        assertThat(out.get(1).end()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void adjacentUnmatchedWordBorrowsTimeFromItsNeighbours() {
        List<SttWord> out = WordAligner.align(List.of("a", "xyz", "b"),
                List.of(new Word("a", 1.0, 1.5, 1), new Word("b", 1.5, 2.0, 1)), 0, 3);
        assertThat(out.get(1).end() - out.get(1).start()).isGreaterThan(0.05);
        assertThat(out.get(0).end()).isLessThanOrEqualTo(out.get(1).start());
        assertThat(out.get(1).end()).isLessThanOrEqualTo(out.get(2).start());
    }
}
