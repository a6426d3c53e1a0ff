package dev.parley.engines.tts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vocoder against the hibari-tts package's own DSP: hibari_frames.bin holds six frames of the model's output
 * (voiced into unvoiced), a fixed noise draw and what {@code hibari/dsp.py} makes of them (hibari_frames.py wrote it).
 */
class HibariVocoderTest {
    record Fixture(HibariVocoder.Frames frames, float[] noise, float[] pulses, float[] wave) {}

    static Fixture fixture() throws IOException {
        byte[] b;
        try (InputStream in = HibariVocoderTest.class.getResourceAsStream("/dev/parley/engines/tts/hibari_frames.bin")) {
            b = in.readAllBytes();
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int f = bb.getInt();
        int bins = bb.getInt();
        assertThat(bins).isEqualTo(HibariVocoder.BINS);
        float[][] a = new float[5][bins * f];
        for (float[] x : a) for (int i = 0; i < x.length; i++) x[i] = bb.getFloat();
        float[] f0 = new float[f];
        for (int i = 0; i < f; i++) f0[i] = bb.getFloat();
        float[] noise = new float[bins * f * 2];
        for (int i = 0; i < noise.length; i++) noise[i] = bb.getFloat();
        float[] pulses = new float[f * HibariVocoder.HOP];
        for (int i = 0; i < pulses.length; i++) pulses[i] = bb.getFloat();
        float[] wave = new float[f * HibariVocoder.HOP];
        for (int i = 0; i < wave.length; i++) wave[i] = bb.getFloat();
        assertThat(bb.remaining()).isZero();
        return new Fixture(new HibariVocoder.Frames(a[0], a[1], a[2], a[3], a[4], f0), noise, pulses, wave);
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return Math.sqrt(s / x.length);
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** A generator whose Gaussian draws are {@code values}, in order. */
    static RandomGenerator replay(float[] values) {
        return new RandomGenerator() {
            int next;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only Gaussian values are replayed");
            }

            @Override
            public double nextGaussian() {
                return values[next++];
            }
        };
    }

    @Test
    void sameSeedSameWave() throws IOException {
        Fixture fx = fixture();
        assertThat(HibariVocoder.synthesize(fx.frames(), 1, true, new java.util.SplittableRandom(5)))
                .containsExactly(HibariVocoder.synthesize(fx.frames(), 1, true, new java.util.SplittableRandom(5)));
    }

    @Test
    void pulseTrainMatchesThePackage() throws IOException {
        Fixture fx = fixture();
        float[] p = HibariVocoder.pulses(fx.frames().f0(), 1f);
        assertThat(p).hasSameSizeAs(fx.pulses());
        // the unvoiced tail is exactly zero in both
        assertThat(Arrays.copyOfRange(p, 4 * HibariVocoder.HOP, p.length)).containsOnly(0f);
        assertThat(maxDiff(p, fx.pulses())).as("largest difference, pulse peaks ~%.0f", 11000 / 170.0)
                .isLessThan(0.05);
        assertThat(rms(p)).isGreaterThan(1);
    }

    @Test
    void waveformMatchesThePackageFrameForFrame() throws IOException {
        Fixture fx = fixture();
        float[] y = HibariVocoder.synthesize(fx.frames(), 1, false, replay(fx.noise()));
        assertThat(y).hasSize(6 * HibariVocoder.HOP);
        double err = 0;
        for (int i = 0; i < y.length; i++) err += (y[i] - fx.wave()[i]) * (y[i] - fx.wave()[i]);
        double relative = Math.sqrt(err / y.length) / rms(fx.wave());
        assertThat(relative).as("relative RMS error against hibari/dsp.py").isLessThan(1e-3);
    }

    @Test
    void noiseDrawChangesTheWaveButNotItsLevel() throws IOException {
        Fixture fx = fixture();
        float[] a = HibariVocoder.synthesize(fx.frames(), 1, false, new java.util.SplittableRandom());
        float[] b = HibariVocoder.synthesize(fx.frames(), 1, false, new java.util.SplittableRandom());
        assertThat(a).isNotEqualTo(b);
        assertThat(rms(a) / rms(b)).isBetween(0.8, 1.25);
    }

    @Test
    void noFramesIsNoAudio() {
        float[] none = new float[0];
        assertThat(HibariVocoder.synthesize(new HibariVocoder.Frames(none, none, none, none, none, none), 1, false,
                new java.util.SplittableRandom())).isEmpty();
    }
}
