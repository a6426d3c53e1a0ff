package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireDecoderTest {
    static final byte[] HALF = {0x00, 0x40};        // s16le 16384 = 0.5
    static final byte[] MINUS_HALF = {0x00, (byte) 0xC0};
    static final byte[] QUARTER = {0x00, 0x20};     // 0.25
    static final byte[] MINUS_ONE = {0x00, (byte) 0x80};

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static float[] append(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Decodes {@code data} cut at the given offsets (ascending), then flushes; one array per pipeline. */
    static float[][] decodeCut(WireDecoder d, byte[] data, int... cuts) {
        float[][] out = new float[d.pipelines()][0];
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : data.length;
            float[][] part = d.decode(data, from, to - from);
            for (int p = 0; p < out.length; p++) out[p] = append(out[p], part[p]);
            from = to;
        }
        float[][] tail = d.flush();
        for (int p = 0; p < out.length; p++) out[p] = append(out[p], tail[p]);
        return out;
    }

    static WireDecoder decoder(WireCodec codec, int rate, int channels, int outRate, boolean split) {
        return new WireDecoder(new WireFormat(codec, rate, channels, 0), outRate, split);
    }

    @Test
    void anOddPcmByteWaitsForItsPartnerInTheNextChunk() {
        WireDecoder d = decoder(WireCodec.PCM, 16000, 1, 16000, false);
        assertThat(d.decode(new byte[] {0x00, 0x40, 0x00})[0]).containsExactly(0.5f);
        assertThat(d.carried()).isEqualTo(1);
        assertThat(d.decode(new byte[] {(byte) 0xC0})[0]).containsExactly(-0.5f);
        assertThat(d.carried()).isZero();
    }

    @Test
    void aChunkOfOneByteCarriesItAndReturnsNothing() {
        WireDecoder d = decoder(WireCodec.PCM, 16000, 1, 16000, false);
        assertThat(d.decode(new byte[] {0x00})[0]).isEmpty();
        assertThat(d.decode(new byte[0])[0]).isEmpty();
        assertThat(d.carried()).isEqualTo(1);
        assertThat(d.decode(new byte[] {0x40, 0x00, 0x20, 0x00})[0]).containsExactly(0.5f, 0.25f);
        assertThat(d.carried()).isEqualTo(1);
    }

    @Test
    void everySplitPointOfTwoStereoFramesGivesEachChannelItsExactSamples() {
        byte[] data = concat(HALF, MINUS_HALF, QUARTER, MINUS_ONE); // L 0.5, R -0.5, L 0.25, R -1
        for (int a = 0; a <= data.length; a++) {
            for (int b = a; b <= data.length; b++) {
                float[][] out = decodeCut(decoder(WireCodec.PCM, 16000, 2, 16000, true), data, a, b);
                assertThat(out[0]).as("left, cut at %d and %d", a, b).containsExactly(0.5f, 0.25f);
                assertThat(out[1]).as("right, cut at %d and %d", a, b).containsExactly(-0.5f, -1f);
            }
        }
    }

    @Test
    void everySplitPointOfThreeChannelMuLawFramesMixesToTheSameAverage() {
        byte[] data = {0x00, (byte) 0x80, (byte) 0xFF, 0x00, (byte) 0x80, 0x00}; // -x, x, 0 | -x, x, -x (x = 32124)
        for (int a = 0; a <= data.length; a++) {
            for (int b = a; b <= data.length; b++) {
                float[][] out = decodeCut(decoder(WireCodec.MULAW, 8000, 3, 8000, false), data, a, b);
                assertThat(out).hasNumberOfRows(1);
                assertThat(out[0]).as("cut at %d and %d", a, b).containsExactly(0f, -32124 / 32768f / 3);
            }
        }
    }

    @Test
    void withoutSplittingChannelsTheFramesAreAveraged() {
        WireDecoder d = decoder(WireCodec.PCM, 16000, 2, 16000, false);
        assertThat(d.pipelines()).isEqualTo(1);
        assertThat(d.decode(concat(HALF, MINUS_ONE, QUARTER, QUARTER))[0]).containsExactly(-0.25f, 0.25f);
    }

    @Test
    void aLawCodesDecodeWithTheItuTable() {
        WireDecoder d = decoder(WireCodec.ALAW, 8000, 1, 8000, false);
        assertThat(d.decode(new byte[] {(byte) 0xD5, 0x55, (byte) 0xAA})[0])
                .containsExactly(8 / 32768f, -8 / 32768f, 32256 / 32768f);
    }

    /** The one-shot reference: decode everything, mix or split, resample each pipeline in one call. */
    static float[][] oneShot(WireCodec codec, int rate, int channels, int outRate, boolean split, byte[] data) {
        float[][] chans = Pcm16.deinterleave(codec.decode(data), channels);
        if (!split) {
            float[] mono = new float[chans[0].length];
            for (int f = 0; f < mono.length; f++) {
                float s = 0;
                for (float[] c : chans) s += c[f];
                mono[f] = s / channels;
            }
            chans = new float[][] {mono};
        }
        float[][] out = new float[chans.length][];
        for (int i = 0; i < chans.length; i++) out[i] = Resampler.resample(chans[i], rate, outRate);
        return out;
    }

    @ParameterizedTest(name = "{0} {1} Hz x{2} -> {3} Hz, split {4}")
    @CsvSource({"PCM, 24000, 1, 16000, false", "PCM, 44100, 2, 16000, true", "PCM, 48000, 3, 16000, false",
            "MULAW, 8000, 1, 16000, false", "ALAW, 8000, 2, 16000, true", "PCM, 16000, 2, 16000, false",
            "MULAW, 22050, 2, 24000, false"})
    void anyChunkingGivesExactlyTheOneShotDecode(WireCodec codec, int rate, int channels, int outRate, boolean split) {
        Random rnd = new Random(rate * 31L + channels);
        byte[] data = new byte[rate / 4 * channels * codec.bytesPerSample()]; // a quarter second
        rnd.nextBytes(data);
        float[][] expected = oneShot(codec, rate, channels, outRate, split, data);
        for (int round = 0; round < 4; round++) {
            int[] cuts = rnd.ints(rnd.nextInt(40), 0, data.length + 1).sorted().toArray(); // repeats: empty chunks
            float[][] got = decodeCut(decoder(codec, rate, channels, outRate, split), data, cuts);
            assertThat(got).hasNumberOfRows(expected.length);
            for (int p = 0; p < expected.length; p++) {
                assertThat(got[p]).as("pipeline %d, cuts %s", p, Arrays.toString(cuts)).containsExactly(expected[p]);
            }
        }
    }

    @Test
    void muLawAt8kHzComesOutAt16kHzWithTheResamplersTail() {
        WireDecoder d = decoder(WireCodec.MULAW, 8000, 1, 16000, false);
        float[] out = d.decode(new byte[800])[0];
        float[] tail = d.flush()[0];
        assertThat(out.length).isLessThan(1600);
        assertThat(out.length + tail.length).isEqualTo(1600);
    }

    @Test
    void decodeAllIsTheStreamPlusItsTailWithAnOddTrailingByteDropped() {
        byte[] data = new byte[4801];
        new Random(5).nextBytes(data);
        WireFormat in = WireFormat.mono(WireCodec.PCM, 24000);
        float[] all = WireDecoder.decodeAll(data, in, 16000);
        assertThat(all).hasSize(1600);
        WireDecoder d = new WireDecoder(in, 16000, false);
        float[] body = d.decode(data, 0, 4800)[0];
        float[] tail = d.flush()[0];
        assertThat(Arrays.copyOf(all, body.length)).containsExactly(body);
        assertThat(Arrays.copyOfRange(all, body.length, all.length)).containsExactly(tail);
    }

    @Test
    void flushDropsAPartialFrameAndLeavesTheDecoderReadyForANewStream() {
        byte[] data = new byte[1001];
        new Random(3).nextBytes(data);
        WireDecoder d = decoder(WireCodec.PCM, 24000, 1, 16000, false);
        float[] first = decodeCut(d, data, 500)[0];
        assertThat(d.carried()).isZero();
        float[] second = decodeCut(d, data, 17, 900)[0];
        assertThat(second).containsExactly(first);
        assertThat(first).containsExactly(oneShot(WireCodec.PCM, 24000, 1, 16000, false, Arrays.copyOf(data, 1000))[0]);
    }

    @Test
    void resetDiscardsTheCarriedBytesAndTheResamplerHistory() {
        byte[] data = new byte[960];
        new Random(4).nextBytes(data);
        WireDecoder fresh = decoder(WireCodec.PCM, 48000, 1, 16000, false);
        float[] expected = decodeCut(fresh, data)[0];
        WireDecoder d = decoder(WireCodec.PCM, 48000, 1, 16000, false);
        d.decode(new byte[] {1, 2, 3, 4, 5});
        d.reset();
        assertThat(d.carried()).isZero();
        assertThat(decodeCut(d, data)[0]).containsExactly(expected);
    }

    @Test
    void anEmptyStreamGivesEmptyPipelinesAndAnEmptyTail() {
        WireDecoder d = decoder(WireCodec.PCM, 8000, 2, 16000, true);
        assertThat(d.decode(new byte[0])).isDeepEqualTo(new float[2][0]);
        assertThat(d.flush()).isDeepEqualTo(new float[2][0]);
    }

    @Test
    void theGivenRangeOfTheArrayIsDecodedAndNothingElse() {
        WireDecoder d = decoder(WireCodec.PCM, 16000, 1, 16000, false);
        byte[] data = concat(MINUS_ONE, HALF, QUARTER, MINUS_ONE);
        assertThat(d.decode(data, 2, 4)[0]).containsExactly(0.5f, 0.25f);
        assertThatThrownBy(() -> d.decode(data, 6, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void describesItsFormatAndPipelines() {
        WireDecoder d = decoder(WireCodec.ALAW, 8000, 4, 16000, true);
        assertThat(d.format()).isEqualTo(new WireFormat(WireCodec.ALAW, 8000, 4, 0));
        assertThat(d.outputRate()).isEqualTo(16000);
        assertThat(d.pipelines()).isEqualTo(4);
    }

    @Test
    void containerCodecsAreRefusedNamingTheRawOnes() {
        assertThatThrownBy(() -> decoder(WireCodec.MP3, 16000, 1, 16000, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mp3")
                .hasMessageContaining("pcm (").hasMessageContaining("mulaw (").hasMessageContaining("alaw (");
    }
}
