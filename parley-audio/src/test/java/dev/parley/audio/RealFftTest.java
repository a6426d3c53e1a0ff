package dev.parley.audio;

import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RealFftTest {
    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    @Test
    void forwardMatchesTheDefinitionAtAMixedRadixLength() {
        int n = 1200; // 2^4 * 3 * 5^2
        float[] x = noise(n, 1);
        float[] spec = new float[n + 2];
        try (RealFft fft = new RealFft(n)) {
            fft.forward(x, spec);
        }
        for (int k : new int[]{0, 1, 7, 300, 599, 600}) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                double a = -2 * Math.PI * (long) k * i / n;
                re += x[i] * Math.cos(a);
                im += x[i] * Math.sin(a);
            }
            assertThat((double) spec[2 * k]).as("Re X[%d]", k).isCloseTo(re, within(1e-2));
            assertThat((double) spec[2 * k + 1]).as("Im X[%d]", k).isCloseTo(im, within(1e-2));
        }
    }

    @Test
    void inverseUndoesForwardAndKeepsItsInput() {
        int n = 1200;
        float[] x = noise(n, 2);
        float[] spec = new float[n + 2];
        float[] back = new float[n];
        try (RealFft fft = new RealFft(n)) {
            fft.forward(x, spec);
            float[] kept = spec.clone();
            fft.inverse(spec, back);
            assertThat(spec).containsExactly(kept);
        }
        for (int i = 0; i < n; i++) assertThat(back[i]).isCloseTo(x[i], within(1e-4f));
    }

    @Test
    void aCosineLandsInItsBinWithHalfTheLengthAsMagnitude() {
        int n = 1200;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) Math.cos(2 * Math.PI * 5 * i / n);
        float[] spec = new float[n + 2];
        try (RealFft fft = new RealFft(n)) {
            fft.forward(x, spec);
        }
        assertThat(spec[10]).isCloseTo(600f, within(1e-2f));
        assertThat(Math.abs(spec[12])).isLessThan(1e-2f);
    }

    @Test
    void oddLengthsAndShortBuffersAndUseAfterCloseAreRefused() {
        assertThatThrownBy(() -> new RealFft(1199)).isInstanceOf(IllegalArgumentException.class);
        RealFft fft = new RealFft(16);
        assertThatThrownBy(() -> fft.forward(new float[16], new float[17])).isInstanceOf(IllegalArgumentException.class);
        fft.close();
        fft.close();
        assertThatThrownBy(() -> fft.forward(new float[16], new float[18])).isInstanceOf(IllegalStateException.class);
    }
}
