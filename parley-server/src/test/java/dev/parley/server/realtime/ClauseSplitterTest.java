package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.realtime.internal.ClauseSplitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseSplitterTest {
    static List<String> split(String... tokens) {
        ClauseSplitter s = new ClauseSplitter();
        List<String> out = new ArrayList<>();
        for (String t : tokens) out.addAll(s.add(t));
        String rest = s.flush();
        if (!rest.isEmpty()) out.add(rest);
        return out;
    }

    @Test
    void sentenceEndsAreClauseBoundariesOnceTheNextTokenStartsWithSpace() {
        assertThat(split("Hello", " there.", " How", " are", " you?", " Fine")).containsExactly("Hello there.", "How are you?", "Fine");
    }

    @Test
    void aClauseIsEmittedAsSoonAsTheBoundaryIsKnown() {
        ClauseSplitter s = new ClauseSplitter();
        assertThat(s.add("Hi.")).isEmpty();
        assertThat(s.add(" Next")).containsExactly("Hi.");
    }

    @Test
    void decimalPointsAndShortCommaClausesDoNotSplit() {
        assertThat(split("It costs 3.50,", " sir.")).containsExactly("It costs 3.50, sir.");
    }

    @Test
    void longCommaClausesSplitAtTheComma() {
        assertThat(split("When the weather is fine in the spring afternoon,", " we walk.")).containsExactly(
                "When the weather is fine in the spring afternoon,", "we walk.");
    }

    @Test
    void newlinesSplit() {
        assertThat(split("One\nTwo")).containsExactly("One", "Two");
    }
}
