package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Pcm16Test {
    @Test
    void everySixteenBitValueSurvivesDecodeThenEncode() {
        byte[] pcm = new byte[65536 * 2];
        for (int i = 0; i < 65536; i++) {
            pcm[2 * i] = (byte) i;
            pcm[2 * i + 1] = (byte) (i >> 8);
        }
        assertThat(Pcm16.fromFloat(Pcm16.toFloat(pcm))).isEqualTo(pcm);
    }

    @Test
    void decodingIsLittleEndianAndScaledBy32768() {
        float[] f = Pcm16.toFloat(new byte[] {0x00, (byte) 0x80, (byte) 0xFF, 0x7F, 0x00, 0x40, (byte) 0xFF, (byte) 0xFF});
        assertThat(f).containsExactly(-1f, 32767 / 32768f, 0.5f, -1 / 32768f);
    }

    @Test
    void encodingClampsOutOfRangeAndNanInsteadOfWrapping() {
        assertThat(Pcm16.toShorts(Pcm16.fromFloat(new float[] {1.5f, -3f, Float.NaN, 1f, Float.POSITIVE_INFINITY})))
                .containsExactly((short) 32767, (short) -32768, (short) 0, (short) 32767, (short) 32767);
    }

    @Test
    void encodingRoundsToNearest() {
        assertThat(Pcm16.toShort(0.4f / 32768)).isEqualTo((short) 0);
        assertThat(Pcm16.toShort(0.6f / 32768)).isEqualTo((short) 1);
        assertThat(Pcm16.toShort(-0.6f / 32768)).isEqualTo((short) -1);
    }

    @Test
    void offsetVariantsReadAndWriteOnlyTheirRange() {
        byte[] pcm = Pcm16.fromShorts(new short[] {1, 2, 3, 4});
        assertThat(Pcm16.toShorts(pcm, 2, 4)).containsExactly((short) 2, (short) 3);
        float[] dst = new float[4];
        Pcm16.toFloat(pcm, 4, dst, 1, 2);
        assertThat(dst).containsExactly(0f, 3 / 32768f, 4 / 32768f, 0f);
        byte[] out = new byte[8];
        Pcm16.fromFloat(new float[] {9, 0.5f, 9}, 1, out, 2, 1);
        assertThat(out).containsExactly(0, 0, 0, 0x40, 0, 0, 0, 0);
    }

    @Test
    void oddByteCountIsRejected() {
        assertThatThrownBy(() -> Pcm16.toFloat(new byte[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even");
    }

    @Test
    void interleaveAndDeinterleaveAreInverse() {
        float[][] ch = {{1, 2, 3}, {4, 5, 6}};
        float[] inter = Pcm16.interleave(ch);
        assertThat(inter).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(Pcm16.deinterleave(inter, 2)).isDeepEqualTo(ch);
    }

    @Test
    void deinterleaveRejectsAPartialFrame() {
        assertThatThrownBy(() -> Pcm16.deinterleave(new float[5], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stereoBytesDecodeToTwoChannels() {
        byte[] pcm = Pcm16.fromShorts(new short[] {100, -100, 200, -200});
        float[][] ch = Pcm16.toFloatChannels(pcm, 2);
        assertThat(ch[0]).containsExactly(100 / 32768f, 200 / 32768f);
        assertThat(ch[1]).containsExactly(-100 / 32768f, -200 / 32768f);
        assertThat(Pcm16.fromFloatChannels(ch)).isEqualTo(pcm);
    }
}
