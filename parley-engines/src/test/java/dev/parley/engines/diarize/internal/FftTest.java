package dev.parley.engines.diarize.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FftTest {
    @Test
    void matchesADirectDftOnRandomInput() {
        int n = 64;
        Random rnd = new Random(7);
        double[] re = new double[n], im = new double[n], x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] = rnd.nextGaussian();
            im[i] = y[i] = rnd.nextGaussian();
        }
        new Fft(n).transform(re, im);
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * j * k / n;
                sr += x[j] * Math.cos(a) - y[j] * Math.sin(a);
                si += x[j] * Math.sin(a) + y[j] * Math.cos(a);
            }
            assertThat(re[k]).isCloseTo(sr, within(1e-9));
            assertThat(im[k]).isCloseTo(si, within(1e-9));
        }
    }

    @Test
    void rejectsASizeThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new Fft(400)).isInstanceOf(IllegalArgumentException.class);
    }
}
