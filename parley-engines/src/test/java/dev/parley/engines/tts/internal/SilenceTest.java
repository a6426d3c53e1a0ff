package dev.parley.engines.tts.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceTest {
    private static float[] toneBetween(int leadMs, int toneMs, int trailMs, float amplitude) {
        int sr = 24000;
        float[] a = new float[(leadMs + toneMs + trailMs) * sr / 1000];
        int from = leadMs * sr / 1000;
        for (int i = 0; i < toneMs * sr / 1000; i++) a[from + i] = (float) (amplitude * Math.sin(2 * Math.PI * 200 * i / sr));
        return a;
    }

    @Test
    void keepsAShortMarginAroundTheSound() {
        float[] t = Silence.trim(toneBetween(300, 500, 470, 0.5f), 24000);
        // 500 ms of tone + 30 ms before + 60 ms after (a sample either side for the zero crossings)
        assertThat(t.length / 24.0).isBetween(585.0, 592.0);
        assertThat(Math.abs(t[30 * 24 + 24])).isGreaterThan(0f);
    }

    @Test
    void aWhisperIsTrimmedByItsOwnPeak() {
        float[] t = Silence.trim(toneBetween(300, 500, 470, 0.02f), 24000);
        assertThat(t.length / 24.0).isBetween(585.0, 592.0);
    }

    @Test
    void silenceBecomesNothingAndSoundWithoutMarginsStays() {
        assertThat(Silence.trim(new float[4800], 24000)).isEmpty();
        float[] tight = toneBetween(0, 100, 0, 0.5f);
        assertThat(Silence.trim(tight, 24000)).isSameAs(tight);
    }
}
