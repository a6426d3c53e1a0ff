package dev.parley.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberWordsTest {
    @Test
    void cardinalsAreSpelledWithoutAnd() {
        assertThat(NumberWords.cardinal(0)).isEqualTo("zero");
        assertThat(NumberWords.cardinal(15)).isEqualTo("fifteen");
        assertThat(NumberWords.cardinal(167983)).isEqualTo("one hundred sixty seven thousand nine hundred eighty three");
        assertThat(NumberWords.cardinal(2_000_001)).isEqualTo("two million one");
    }

    @Test
    void ordinalsEndInTheOrdinalWord() {
        assertThat(NumberWords.ordinal(1)).isEqualTo("first");
        assertThat(NumberWords.ordinal(22)).isEqualTo("twenty second");
        assertThat(NumberWords.ordinal(40)).isEqualTo("fortieth");
        assertThat(NumberWords.ordinal(112)).isEqualTo("one hundred twelfth");
    }

    @Test
    void yearsAreSaidInPairsExceptRoundOnesAndTheFirstDecadeOf2000() {
        assertThat(NumberWords.year(1905)).isEqualTo("nineteen oh five");
        assertThat(NumberWords.year(1961)).isEqualTo("nineteen sixty one");
        assertThat(NumberWords.year(1900)).isEqualTo("nineteen hundred");
        assertThat(NumberWords.year(2000)).isEqualTo("two thousand");
        assertThat(NumberWords.year(2005)).isEqualTo("two thousand five");
        assertThat(NumberWords.year(2024)).isEqualTo("twenty twenty four");
        assertThat(NumberWords.year(999)).isEqualTo("nine hundred ninety nine");
    }

    @Test
    void largeNumbersUseEveryScale() {
        assertThat(NumberWords.cardinal(1_000_000_000_000_000_000L)).isEqualTo("one quintillion");
        assertThat(NumberWords.cardinal(1_000_001_000L)).isEqualTo("one billion one thousand");
        assertThat(NumberWords.spell("12345678901234567")).startsWith("one two three");
    }

    @Test
    void nonNumbersAreNotSpelled() {
        assertThat(NumberWords.spell("abc")).isNull();
        assertThat(NumberWords.spell("1.2.3")).isNull();
    }

    @Test
    void leadingZeroNumbersAreReadDigitByDigit() {
        assertThat(NumberWords.spell("007")).isEqualTo("zero zero seven");
    }
}
