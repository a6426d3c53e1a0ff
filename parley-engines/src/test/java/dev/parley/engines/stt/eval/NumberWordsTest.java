package dev.parley.engines.stt.eval;

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
    void nonNumbersAreNotSpelled() {
        assertThat(NumberWords.spell("abc")).isNull();
        assertThat(NumberWords.spell("1.2.3")).isNull();
    }

    @Test
    void leadingZeroNumbersAreReadDigitByDigit() {
        assertThat(NumberWords.spell("007")).isEqualTo("zero zero seven");
    }
}
