package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {
    private static final int[] RATES = {8000, 16000, 22050, 24000, 44100, 48000};
    private static final int[] ALL_RATES = {8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000};

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (int a : RATES) for (int b : RATES) if (a != b) out.add(Arguments.of(a, b));
        return out.stream();
    }

    static Stream<Arguments> downPairs() {
        return pairs().filter(a -> (int) a.get()[0] > (int) a.get()[1]);
    }

    static Stream<Arguments> upPairs() {
        return pairs().filter(a -> (int) a.get()[0] < (int) a.get()[1]);
    }

    static float[] sine(double hz, int rate, double seconds, double amplitude) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + 0.3));
        return x;
    }

    /** Least-squares fit of a sinusoid at a known frequency; returns {amplitude, residual rms}. */
    static double[] fit(float[] y, double hz, int rate, int from, int to) {
        double w = 2 * Math.PI * hz / rate;
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(w * i), c = Math.cos(w * i);
            ss += s * s; cc += c * c; sc += s * c; ys += y[i] * s; yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det, b = (yc * ss - ys * sc) / det;
        double res = 0;
        for (int i = from; i < to; i++) {
            double e = y[i] - a * Math.sin(w * i) - b * Math.cos(w * i);
            res += e * e;
        }
        return new double[] {Math.hypot(a, b), Math.sqrt(res / (to - from))};
    }

    static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += y[i] * y[i];
        return Math.sqrt(s / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void tonesBelowNinetyPercentOfTheLowerNyquistKeepTheirAmplitudeWithinHalfADecibel(int from, int to) {
        double nyqLow = Math.min(from, to) / 2.0;
        for (double f : new double[] {0.02, 0.1, 0.25, 0.5, 0.7, 0.8, 0.85, 0.89}) {
            double hz = f * nyqLow;
            float[] y = Resampler.resample(sine(hz, from, 0.5, 0.5), from, to);
            int edge = to / 25; // 40 ms away from the zero-padded ends
            double[] amp = fit(y, hz, to, edge, y.length - edge);
            assertThat(db(amp[0] / 0.5)).as("%.0f Hz gain dB", hz).isBetween(-0.5, 0.5);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("downPairs")
    void toneAboveTheOutputNyquistIsAttenuatedAtLeast50Decibels(int from, int to) {
        double outNyq = to / 2.0, inNyq = from / 2.0;
        for (double hz : new double[] {outNyq * 1.01, (outNyq + inNyq) / 2, inNyq * 0.98}) {
            float[] y = Resampler.resample(sine(hz, from, 0.5, 0.5), from, to);
            int edge = to / 25;
            double leak = rms(y, edge, y.length - edge) / (0.5 / Math.sqrt(2));
            assertThat(db(leak)).as("%.0f Hz leak dB", hz).isLessThanOrEqualTo(-50);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("upPairs")
    void imagesAboveTheInputNyquistAreAttenuatedAtLeast50Decibels(int from, int to) {
        double inNyq = from / 2.0;
        for (double f : new double[] {0.3, 0.6, 0.89}) {
            double hz = f * inNyq;
            float[] y = Resampler.resample(sine(hz, from, 0.5, 0.5), from, to);
            int edge = to / 25;
            double[] fit = fit(y, hz, to, edge, y.length - edge);
            assertThat(db(fit[1] / (fit[0] / Math.sqrt(2)))).as("%.0f Hz residual dB", hz).isLessThanOrEqualTo(-50);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void outputLengthIsTheInputLengthTimesTheRatioRoundedWithinOne(int from, int to) {
        for (int n : new int[] {0, 1, 2, 3, 7, 159, 160, 441, 1000, 4801, 48000}) {
            int len = Resampler.resample(new float[n], from, to).length;
            long expected = Math.round((double) n * to / from);
            assertThat((long) len).as("n=%d", n).isBetween(expected - 1, expected + 1);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void chunkedOutputEqualsOneShotOutputBitForBit(int from, int to) {
        Random rnd = new Random(from * 31L + to);
        float[] in = new float[from / 2 + 17];
        for (int i = 0; i < in.length; i++) in[i] = rnd.nextFloat() * 2 - 1;
        float[] whole = Resampler.resample(in, from, to);
        Resampler r = new Resampler(from, to);
        float[] chunked = new float[whole.length + 1];
        int pos = 0, n = 0;
        while (pos < in.length) {
            int len = Math.min(in.length - pos, rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 2000));
            float[] part = r.process(in, pos, len);
            System.arraycopy(part, 0, chunked, n, part.length);
            n += part.length;
            pos += len;
        }
        float[] tail = r.flush();
        System.arraycopy(tail, 0, chunked, n, tail.length);
        assertThat(n + tail.length).isEqualTo(whole.length);
        assertThat(Arrays.copyOf(chunked, whole.length)).containsExactly(whole);
    }

    @Test
    void twentyMillisecondFramesThroughTheDestinationVariantEqualOneShotOutput() {
        float[] in = sine(440, 8000, 1.0, 0.7);
        float[] whole = Resampler.resample(in, 8000, 16000);
        Resampler r = new Resampler(8000, 16000);
        float[] out = new float[whole.length];
        int n = 0;
        for (int pos = 0; pos < in.length; pos += 160) {
            int expected = r.outputSize(160);
            int wrote = r.process(in, pos, 160, out, n);
            assertThat(wrote).isEqualTo(expected);
            n += wrote;
        }
        n += r.flush(out, n);
        assertThat(n).isEqualTo(whole.length);
        assertThat(out).containsExactly(whole);
    }

    @Test
    void flushResetsSoTheInstanceCanResampleANewStream() {
        float[] in = sine(1000, 16000, 0.1, 0.5);
        Resampler r = new Resampler(16000, 24000);
        float[] first = concat(r.process(in), r.flush());
        float[] second = concat(r.process(in), r.flush());
        assertThat(second).containsExactly(first);
    }

    @Test
    void outputIsAlignedWithTheInputWithoutDelay() {
        // An impulse at input sample 800 (50 ms at 16 kHz) peaks at output sample 1200 (50 ms at 24 kHz).
        float[] in = new float[1600];
        in[800] = 1;
        float[] y = Resampler.resample(in, 16000, 24000);
        int peak = 0;
        for (int i = 0; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[peak])) peak = i;
        assertThat(peak).isEqualTo(1200);
    }

    @Test
    void everyPairOfTheEightCommonRatesIsSupported() {
        float[] in = sine(300, 8000, 0.05, 0.5);
        for (int a : ALL_RATES) {
            float[] x = Resampler.resample(in, 8000, a);
            for (int b : ALL_RATES) {
                float[] y = Resampler.resample(x, a, b);
                assertThat(y.length).isBetween((int) ((long) x.length * b / a) - 1, (int) ((long) x.length * b / a) + 1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -8000})
    void nonPositiveRatesAreRejected(int rate) {
        assertThatThrownBy(() -> new Resampler(rate, 16000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(16000, rate)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooSmallDestinationIsRejectedWithoutConsumingInput() {
        Resampler r = new Resampler(8000, 48000);
        float[] in = sine(300, 8000, 0.02, 0.5);
        assertThatThrownBy(() -> r.process(in, 0, in.length, new float[10], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        float[] ok = concat(r.process(in), r.flush());
        assertThat(ok).containsExactly(Resampler.resample(in, 8000, 48000));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void supportsIsExactlyWhetherAResamplerCanBeMade() {
        int[] rates = {1, 3, 7350, 8000, 11025, 16000, 22050, 44100, 44101, 48000, 96000, 192000};
        for (int from : rates) {
            for (int to : new int[] {8000, 16000, 24000, 48000}) {
                boolean made;
                try {
                    new Resampler(from, to);
                    made = true;
                } catch (IllegalArgumentException e) {
                    made = false;
                }
                assertThat(Resampler.supports(from, to)).as("%d -> %d", from, to).isEqualTo(made);
            }
        }
        assertThat(Resampler.supports(1, 16000)).isFalse();
        assertThat(Resampler.supports(44100, 16000)).isTrue();
        assertThat(Resampler.supports(0, 16000)).isFalse();
    }
}
