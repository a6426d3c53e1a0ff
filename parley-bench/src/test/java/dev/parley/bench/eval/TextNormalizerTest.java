package dev.parley.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void lowerCasesAndRemovesPunctuation() {
        assertThat(TextNormalizer.normalize("Login incorrect.  Please enter your agent number, followed by pound!"))
                .isEqualTo("login incorrect please enter your agent number followed by pound");
    }

    @Test
    void apostrophesAreKeptThroughPunctuationRemovalThenDropped() {
        assertThat(TextNormalizer.normalize("LINNELL'S pictures, the neighbor\u2019s house")).isEqualTo(
                "linnells pictures the neighbors house");
    }

    @Test
    void hyphensSplitWords() {
        assertThat(TextNormalizer.normalize("the ne-plus-ultra of \"lower-case\"")).isEqualTo(
                "the ne plus ultra of lower case");
    }

    @Test
    void digitsAreSpelledAsWords() {
        assertThat(TextNormalizer.normalize("42 and 1,234 and 3.5")).isEqualTo(
                "forty two and one thousand two hundred thirty four and three point five");
    }

    @Test
    void fourDigitNumbersAreSpelledAsYears() {
        assertThat(TextNormalizer.normalize("in 1455, 1905, 2005 and 2024")).isEqualTo(
                "in fourteen fifty five nineteen oh five two thousand five and twenty twenty four");
    }

    @Test
    void moneyPercentAndOrdinalsAreSpelled() {
        assertThat(TextNormalizer.normalize("$25 at 10% on the 21st")).isEqualTo(
                "twenty five dollars at ten percent on the twenty first");
    }
}
