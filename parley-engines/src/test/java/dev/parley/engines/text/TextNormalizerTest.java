package dev.parley.engines.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {
    private static String en(String s) {
        return TextNormalizer.normalize(s, "en");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "7|seven",
            "42|forty-two",
            "1234|one thousand two hundred thirty-four",
            "1,234,567|one million two hundred thirty-four thousand five hundred sixty-seven",
            "-5 degrees|minus five degrees",
            "3.14|three point one four",
            "0.5|zero point five",
            "21st|twenty-first",
            "2nd place|second place",
            "the 3rd|the third",
            "100th|one hundredth",
            "007|zero zero seven",
            "pages 5-10|pages five to ten",
            "in 1999|in nineteen ninety-nine",
            "the 1990s|the nineteen nineties",
            "since 2005|since two thousand five",
    })
    void numbersAreSpelledOut(String in, String out) {
        assertThat(en(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "$5.50|five dollars and fifty cents",
            "$1|one dollar",
            "$0.99|ninety-nine cents",
            "$1,000|one thousand dollars",
            "$2.5 million|two point five million dollars",
            "€3|three euros",
            "£1.01|one pound and one penny",
            "-$4|minus four dollars",
    })
    void currenciesAreSpelledOut(String in, String out) {
        assertThat(en(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-21|November twenty-first, twenty twenty-six",
            "11/21/2026|November twenty-first, twenty twenty-six",
            "21/11/2026|November twenty-first, twenty twenty-six",
            "Nov 21|November twenty-first",
            "Nov. 21st|November twenty-first",
            "21 November 2026|November twenty-first, twenty twenty-six",
    })
    void datesAreSpelledOut(String in, String out) {
        assertThat(en(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "10:30|ten thirty",
            "10:00|ten o'clock",
            "7:05|seven oh five",
            "9 p.m.|nine p m",
            "7:05am|seven oh five a m",
            "14:00|fourteen hundred",
            "50%|fifty percent",
            "2.5 %|two point five percent",
    })
    void timesAndPercentagesAreSpelledOut(String in, String out) {
        assertThat(en(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Dr. Smith|Doctor Smith",
            "Mr. Jones|Mister Jones",
            "Mrs. Jones|Missus Jones",
            "St. Paul|Saint Paul",
            "Main St. is long|Main Street is long",
            "apples, pears, etc.|apples, pears, et cetera.",
            "fruit, e.g. apples|fruit, for example apples",
            "that is, i.e. this|that is, that is this",
            "cats vs. dogs|cats versus dogs",
    })
    void commonAbbreviationsAreExpanded(String in, String out) {
        assertThat(en(in)).isEqualTo(out);
    }

    @Test
    void urlIsSpokenAsDotAndSlash() {
        assertThat(en("Visit https://example.com/docs today")).isEqualTo("Visit example dot com slash docs today");
    }

    @Test
    void bareDomainIsSpokenWithDot() {
        assertThat(en("see example.org.")).isEqualTo("see example dot org.");
    }

    @Test
    void emailIsSpokenWithAtAndDot() {
        assertThat(en("mail john.doe@example.com")).isEqualTo("mail john dot doe at example dot com");
    }

    @Test
    void otherLanguagesAreLeftAsTheyAre() {
        assertThat(TextNormalizer.normalize("Acme 5", "es-ES")).isEqualTo("Acme 5");
    }

    @Test
    void plainWordsAreUntouched() {
        assertThat(en("Hello, world! How are you?")).isEqualTo("Hello, world! How are you?");
    }
}
