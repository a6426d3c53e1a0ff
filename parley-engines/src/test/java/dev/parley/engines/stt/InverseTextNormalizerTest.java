package dev.parley.engines.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InverseTextNormalizerTest {
    private static String itn(String s) {
        return InverseTextNormalizer.apply(s);
    }

    @Test
    void dollarsBecomeACurrencyAmount() {
        assertThat(itn("twenty five dollars")).isEqualTo("$25");
        assertThat(itn("it is a thousand dollars")).isEqualTo("it is $1,000");
    }

    @Test
    void dollarsAndCentsBecomeAGroupedAmountWithTwoDecimals() {
        assertThat(itn("The balance is one hundred and sixty seven thousand nine hundred eighty three dollars and"
                + " fifteen cents.")).isEqualTo("The balance is $167,983.15.");
    }

    @Test
    void pointMakesADecimal() {
        assertThat(itn("three point five")).isEqualTo("3.5");
        assertThat(itn("point two five")).isEqualTo("0.25");
    }

    @Test
    void percentFollowsTheNumber() {
        assertThat(itn("ten percent")).isEqualTo("10%");
        assertThat(itn("five percent")).isEqualTo("5%");
        assertThat(itn("three point five percent")).isEqualTo("3.5%");
    }

    @Test
    void cardinalsFromTenUpBecomeDigitsAndSmallerOnesStayWords() {
        assertThat(itn("one of the forty two lines")).isEqualTo("one of the 42 lines");
        assertThat(itn("I have two dogs and twelve cats")).isEqualTo("I have two dogs and 12 cats");
        assertThat(itn("sixty seven thousand people")).isEqualTo("67,000 people");
        assertThat(itn("two thousand")).isEqualTo("2000");
    }

    @Test
    void hyphenatedNumberWordsAreNumbers() {
        assertThat(itn("Twenty-five dollars")).isEqualTo("$25");
    }

    @Test
    void yearsSaidInPairsBecomeFourDigits() {
        assertThat(itn("in nineteen sixty one")).isEqualTo("in 1961");
        assertThat(itn("fourteen fifty-five")).isEqualTo("1455");
        assertThat(itn("nineteen oh five")).isEqualTo("1905");
        assertThat(itn("twenty twenty four")).isEqualTo("2024");
    }

    @Test
    void ordinalsFromTenUpGetSuffixes() {
        assertThat(itn("the twenty first century")).isEqualTo("the 21st century");
        assertThat(itn("the first time")).isEqualTo("the first time");
        assertThat(itn("the eleventh hour")).isEqualTo("the 11th hour");
    }

    @Test
    void runsOfSingleDigitsBecomeDigitStrings() {
        assertThat(itn("call five five five one two three four")).isEqualTo("call 5551234");
    }

    @Test
    void numbersDoNotSpanPunctuation() {
        assertThat(itn("twenty, five")).isEqualTo("20, five");
    }

    @Test
    void wordsThatAreNotNumbersAreUntouched() {
        assertThat(itn("And so, my fellow Americans, ask not.")).isEqualTo("And so, my fellow Americans, ask not.");
        assertThat(itn("a hundred")).isEqualTo("100");
        assertThat(itn("a dog")).isEqualTo("a dog");
    }

    @Test
    void rewrittenWordsSpanTheTimesOfTheSpokenWords() {
        List<SttWord> out = InverseTextNormalizer.apply(List.of(new SttWord("ten", 1.0, 1.2, 0.9),
                new SttWord("percent", 1.2, 1.7, 0.6), new SttWord("off", 1.7, 2.0, 0.8)));
        assertThat(out).containsExactly(new SttWord("10%", 1.0, 1.7, 0.6), new SttWord("off", 1.7, 2.0, 0.8));
    }

    @Test
    void supportsEnglishLanguageCodesOnly() {
        assertThat(InverseTextNormalizer.supports("en")).isTrue();
        assertThat(InverseTextNormalizer.supports("en-US")).isTrue();
        assertThat(InverseTextNormalizer.supports("es")).isFalse();
        assertThat(InverseTextNormalizer.supports("")).isFalse();
    }
}
