package dev.parley.engines.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code replace} map: one pass, longest match, whole words, and a bound on the text it makes. */
class ReplacementsTest {
    static final Language EN = Languages.resolve("en", "");

    /** "a" → "b b", "b" → "c c", ...: applied in sequence, each step doubles the words. */
    static Map<String, String> chain(int steps) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < steps; i++) {
            String next = String.valueOf((char) ('a' + i + 1));
            m.put(String.valueOf((char) ('a' + i)), next + " " + next);
        }
        return m;
    }

    static String apply(Map<String, String> map, String text) {
        return Replacements.of(map, 15_000).apply(text, 15_000);
    }

    @Test
    void aChainOfTenSubstitutionsOnElevenCharactersIsAppliedOnceNotTenTimes() {
        String out = apply(chain(10), "a a a a a a");
        assertThat(out).isEqualTo("b b b b b b b b b b b b");
    }

    @Test
    void aChainOfTwentyFourSubstitutionsMakesOneValuePerWordNotSixteenMillion() {
        String text = "a b c d e f g h i j k l m n o p q r s t u v w x ".repeat(20); // 1,000 characters
        String out = apply(chain(24), text);
        assertThat(out).startsWith("b b c c d d e e f f g g h h i i j j k k l l m m n n o o p p q q r r s s t t u u v v"
                + " w w x x y y ");
        assertThat(out.length()).as("one value of 3 characters per word of 1").isEqualTo(text.length() * 2);
    }

    @Test
    void aValueIsNeverScannedAgain() {
        assertThat(apply(Map.of("a", "a a"), "a")).isEqualTo("a a");
        assertThat(apply(Map.of("x", "y", "y", "x"), "x y")).isEqualTo("y x");
    }

    @Test
    void textLongerThanTheBoundAfterSubstitutionIsRefusedWithoutBuildingIt() {
        Replacements r = Replacements.of(chain(1), 15_000);
        String text = "a ".repeat(5_000); // 10,000 characters that become 20,000
        assertThatThrownBy(() -> r.apply(text, r.maxChars())).isInstanceOf(UnspeakableTextException.class)
                .hasMessageContaining("'replace'").hasMessageContaining("15000");
    }

    @Test
    void theBoundIsOverTheWholeTextNotEachPieceBetweenTags() {
        Replacements r = Replacements.of(Map.of("a", "x".repeat(200)), 15_000);
        String text = "a [pause] ".repeat(100); // 100 pieces of 1 character, each 200 after substitution
        assertThatThrownBy(() -> TextFrontEnd.plan(text, EN, new TextFrontEnd.Options(false, r, null, 0)))
                .isInstanceOf(UnspeakableTextException.class).hasMessageContaining("15000");
    }

    @Test
    void theLongestKeyMatchingAtAPlaceWins() {
        assertThat(apply(Map.of("New", "Noo", "New York", "Noo Yawk"), "New York and New Jersey"))
                .isEqualTo("Noo Yawk and Noo Jersey");
    }

    @Test
    void aLongerKeyThatEndsInsideAWordGivesWayToAShorterOne() {
        assertThat(apply(Map.of("New", "Noo", "New York", "Noo Yawk"), "New Yorkers"))
                .isEqualTo("Noo Yorkers");
    }

    @Test
    void amongAThousandKeysThatShareTheirStartEachWordGetsItsOwn() {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < 1000; i++) m.put("w" + i, "v" + i);
        assertThat(apply(m, "w1 w10 w100 w999 w1000 w0")).isEqualTo("v1 v10 v100 v999 w1000 v0");
    }

    @Test
    void keysMatchWholeWordsOnly() {
        assertThat(apply(Map.of("Acme", "Ack-me"), "Acme and Acmes, xAcme")).isEqualTo("Ack-me and Acmes, xAcme");
    }

    @Test
    void keysIgnoreCaseAndTheKeyOfTheSameCaseWins() {
        assertThat(apply(Map.of("Acme", "Ack-me"), "ACME rocks")).isEqualTo("Ack-me rocks");
        assertThat(apply(Map.of("US", "you ess", "us", "uss"), "US and us and Us"))
                .isEqualTo("you ess and uss and you ess");
    }

    @Test
    void aKeyOfSymbolsMatchesInsideWords() {
        assertThat(apply(Map.of("&", " and "), "R&D")).isEqualTo("R and D");
    }

    @Test
    void substitutionsApplyInEveryLanguage() {
        Replacements r = Replacements.of(Map.of("Acme", "Akme"), 15_000);
        List<SpeechPiece> p = TextFrontEnd.plan("Acme 5", Languages.resolve("es-ES", ""),
                new TextFrontEnd.Options(true, r, null, 0));
        assertThat(p).containsExactly(new SpeechPiece.Speech("Akme 5", Prosody.NORMAL, true));
    }

    @Test
    void substitutionsDoNotTouchSpeechTags() {
        Replacements r = Replacements.of(Map.of("pause", "paws", "slow", "slo"), 15_000);
        List<SpeechPiece> p = TextFrontEnd.plan("<slow>Take a pause</slow> [pause] now.", EN,
                new TextFrontEnd.Options(false, r, null, 0));
        assertThat(p).extracting(Object::toString).containsExactly(
                new SpeechPiece.Speech("Take a paws", SpeechTags.WRAPPING.get("slow"), true).toString(),
                new SpeechPiece.Pause(500).toString(),
                new SpeechPiece.Speech("now.", Prosody.NORMAL, true).toString());
    }
}
