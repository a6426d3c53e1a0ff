package dev.parley.engines.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncrementalTextTest {
    @Test
    void releasesNothingUntilASentenceIsComplete() {
        IncrementalText t = new IncrementalText(1000);
        assertThat(t.push("Hello the")).isEmpty();
        assertThat(t.push("re. How ")).isEqualTo("Hello there.");
        assertThat(t.finish()).isEqualTo(" How ");
    }

    @Test
    void wrappingTagOpenAtTheCutIsReopenedForTheRest() {
        IncrementalText t = new IncrementalText(1000);
        assertThat(t.push("<whisper>One. Two")).isEqualTo("<whisper>One.");
        assertThat(t.finish()).isEqualTo("<whisper> Two");
    }

    @Test
    void textWithoutSentenceEndIsReleasedAtTheBufferBound() {
        IncrementalText t = new IncrementalText(20);
        assertThat(t.push("words without any end in sight at all")).isEqualTo("words without any end in sight at");
        assertThat(t.finish()).isEqualTo(" all");
    }

    @Test
    void clearDropsTheBuffer() {
        IncrementalText t = new IncrementalText(100);
        t.push("half a sent");
        t.clear();
        assertThat(t.finish()).isEmpty();
    }

    @Test
    void withAClauseLengthClausesAreReleasedBeforeTheSentenceEnds() {
        IncrementalText t = new IncrementalText(1000, 40);
        assertThat(t.push("Well, ")).isEmpty(); // a short comma clause waits
        assertThat(t.push("the capital of France is a city on the Seine, ")).isEqualTo("Well, the capital of France is a city on the Seine,");
        assertThat(t.push("and it is lovely; truly")).isEqualTo(" and it is lovely;");
        assertThat(t.push(" so.\nNext")).isEqualTo(" truly so.\n");
        assertThat(t.finish()).isEqualTo("Next");
    }

    @Test
    void withoutAClauseLengthOnlySentencesAreReleased() {
        IncrementalText t = new IncrementalText(1000);
        assertThat(t.push("A long clause that goes on and on, and more; still going ")).isEmpty();
    }
}
