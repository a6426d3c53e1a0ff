package dev.parley.engines.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {
    @Test
    void splitsAtSentenceEnds() {
        assertThat(SentenceSplitter.sentences("One. Two! Three? Four…")).containsExactly("One.", "Two!", "Three?", "Four…");
    }

    @Test
    void decimalPointIsNotASentenceEnd() {
        assertThat(SentenceSplitter.sentences("It is 3.5 meters. Yes.")).containsExactly("It is 3.5 meters.", "Yes.");
    }

    @Test
    void abbreviationsAndInitialsAreNotSentenceEnds() {
        assertThat(SentenceSplitter.sentences("Ask Mr. Smith and J. R. Tolkien. Done."))
                .containsExactly("Ask Mr. Smith and J. R. Tolkien.", "Done.");
    }

    @Test
    void closingQuoteStaysWithItsSentence() {
        assertThat(SentenceSplitter.sentences("He said \"Go.\" Then left.")).containsExactly("He said \"Go.\"", "Then left.");
    }

    @Test
    void cjkFullStopsSplitWithoutSpaces() {
        assertThat(SentenceSplitter.sentences("你好。你好吗？")).containsExactly("你好。", "你好吗？");
    }

    @Test
    void longSentenceIsCutAtClauseMarks() {
        List<SentenceSplitter.Chunk> c = SentenceSplitter.split(
                "This sentence is rather long, it has a few clauses; each one short enough: so we cut here.", 40);
        assertThat(c).extracting(SentenceSplitter.Chunk::text).containsExactly(
                "This sentence is rather long,", "it has a few clauses;", "each one short enough: so we cut here.");
        assertThat(c).extracting(SentenceSplitter.Chunk::sentenceEnd).containsExactly(false, false, true);
    }

    @Test
    void sentenceWithoutClauseMarksIsCutAtASpace() {
        List<SentenceSplitter.Chunk> c = SentenceSplitter.split("aaaa bbbb cccc dddd eeee ffff gggg hhhh", 12);
        assertThat(c).allSatisfy(ch -> assertThat(ch.text().length()).isLessThanOrEqualTo(12));
        assertThat(String.join(" ", c.stream().map(SentenceSplitter.Chunk::text).toList()))
                .isEqualTo("aaaa bbbb cccc dddd eeee ffff gggg hhhh");
    }

    @Test
    void firstChunkUsesItsOwnSmallerLimit() {
        List<SentenceSplitter.Chunk> c = SentenceSplitter.split(
                "Well, this is the first sentence and it goes on for a while. Then a second one follows here.", 20, 200);
        assertThat(c.get(0).text()).isEqualTo("Well,");
        assertThat(c.get(1).text()).isEqualTo("this is the first sentence and it goes on for a while.");
    }

    @Test
    void fifteenThousandCharactersSplitIntoBoundedChunksLosingNoWords() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 15_000) sb.append("Sentence number ").append(i++).append(" has, some words; in it. ");
        String text = sb.substring(0, 15_000);
        List<SentenceSplitter.Chunk> c = SentenceSplitter.split(text, 60, 250);
        assertThat(c).allSatisfy(ch -> assertThat(ch.text().length()).isLessThanOrEqualTo(250));
        String joined = String.join(" ", c.stream().map(SentenceSplitter.Chunk::text).toList());
        assertThat(joined.replaceAll("\\s+", "")).isEqualTo(text.replaceAll("\\s+", ""));
    }

    @Test
    void unbrokenTextIsCutHard() {
        String s = "x".repeat(100);
        List<SentenceSplitter.Chunk> c = SentenceSplitter.split(s, 30);
        assertThat(c).hasSize(4);
        assertThat(String.join("", c.stream().map(SentenceSplitter.Chunk::text).toList())).isEqualTo(s);
    }

    @Test
    void lastBoundaryIsAfterTheLastCompleteSentence() {
        assertThat(SentenceSplitter.lastBoundary("One. Two. Thr")).isEqualTo(9);
        assertThat(SentenceSplitter.lastBoundary("One. Two.")).isEqualTo(4);
        assertThat(SentenceSplitter.lastBoundary("No end yet")).isEqualTo(-1);
    }
}
