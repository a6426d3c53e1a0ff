package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void equalRatesAreAnExactCopy() {
        float[] in = {0.1f, -0.2f, 0.3f};
        float[] out = Resampler.resample(in, 16000, 16000);
        assertThat(out).containsExactly(in).isNotSameAs(in);
    }

    @Test
    void chunkedOutputEqualsOneShotOutput() {
        Random rnd = new Random(1);
        float[] in = new float[9000];
        for (int i = 0; i < in.length; i++) in[i] = rnd.nextFloat() * 2 - 1;
        float[] whole = Resampler.resample(in, 44100, 16000);
        Resampler r = new Resampler(44100, 16000);
        float[] chunked = new float[whole.length];
        int pos = 0, n = 0;
        while (pos < in.length) {
            int len = Math.min(in.length - pos, rnd.nextInt(700));
            float[] part = r.process(java.util.Arrays.copyOfRange(in, pos, pos + len));
            System.arraycopy(part, 0, chunked, n, part.length);
            n += part.length;
            pos += len;
        }
        float[] tail = r.flush();
        System.arraycopy(tail, 0, chunked, n, tail.length);
        assertThat(n + tail.length).isEqualTo(whole.length);
        assertThat(chunked).containsExactly(whole);
    }
}
