package dev.parley.engines.diarize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MfccTest {
    @Test
    void oneSecondGivesNinetyEightFramesOfTwentyOneValues() {
        float[][] f = Mfcc.compute(new float[16000]);
        assertThat(f.length).isEqualTo(98); // 1 + (16000 - 400) / 160
        assertThat(f[0]).hasSize(Mfcc.DIM);
    }

    @Test
    void digitalSilenceGivesFiniteFeatures() {
        for (float[] v : Mfcc.compute(new float[4000])) {
            for (float x : v) assertThat(Float.isFinite(x)).isTrue();
        }
    }

    @Test
    void louderSignalHasHigherLogEnergyAndTheSameCepstrum() {
        float[] a = new float[4000], b = new float[4000];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 0.05 * Math.sin(2 * Math.PI * 1800 * i / 16000.0));
            b[i] = 4 * a[i];
        }
        float[] fa = Mfcc.compute(a)[5], fb = Mfcc.compute(b)[5];
        assertThat(fb[0] - fa[0]).isCloseTo((float) Math.log(16), org.assertj.core.api.Assertions.within(1e-3f));
        for (int k = 1; k < Mfcc.DIM; k++) assertThat(fb[k]).isCloseTo(fa[k], org.assertj.core.api.Assertions.within(1e-2f));
    }

    @Test
    void frameAtAndFrameTimeAreInverse() {
        assertThat(Mfcc.frameAt(Mfcc.frameTime(123))).isEqualTo(123);
        assertThat(Mfcc.frameAt(1.234)).isEqualTo(124);
    }
}
