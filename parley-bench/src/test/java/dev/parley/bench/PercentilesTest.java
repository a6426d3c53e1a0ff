package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void percentilesAreNearestRank() {
        double[] v = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertThat(Percentiles.of(v, 50)).isEqualTo(5);
        assertThat(Percentiles.of(v, 95)).isEqualTo(10);
        assertThat(Percentiles.of(v, 100)).isEqualTo(10);
        assertThat(Percentiles.of(new double[] {42}, 95)).isEqualTo(42);
        assertThat(Percentiles.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 9.0, 8.0, 7.0, 6.0), 50)).isEqualTo(5.0);
    }

    @Test
    void noValuesHaveNoPercentileAndTheInputIsLeftAsItWas() {
        assertThat(Percentiles.of(new double[0], 50)).isNaN();
        assertThat(Percentiles.of(List.of(), 50)).isNaN();
        double[] v = {3, 1, 2};
        Percentiles.of(v, 50);
        assertThat(v).containsExactly(3, 1, 2);
    }
}
