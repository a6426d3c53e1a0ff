package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class G711Test {
    private static final AudioFormat PCM = new AudioFormat(8000, 16, 1, true, false);

    private static AudioFormat law(AudioFormat.Encoding e) {
        return new AudioFormat(e, 8000, 8, 1, 1, 8000, false);
    }

    /** Every 16-bit value, ascending from -32768, encoded by javax.sound. */
    private static byte[] oracleEncodeAll(AudioFormat.Encoding e) throws IOException {
        byte[] pcm = new byte[65536 * 2];
        for (int i = 0; i < 65536; i++) {
            short s = (short) (i - 32768);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), PCM, 65536);
        byte[] codes = AudioSystem.getAudioInputStream(law(e), in).readAllBytes();
        assertThat(codes).hasSize(65536);
        return codes;
    }

    private static short[] oracleDecodeAll(AudioFormat.Encoding e) throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) codes[i] = (byte) i;
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(codes), law(e), 256);
        byte[] pcm = AudioSystem.getAudioInputStream(PCM, in).readAllBytes();
        assertThat(pcm).hasSize(512);
        return Pcm16.toShorts(pcm);
    }

    @Test
    void ulawDecodeMatchesJavaxSoundForAll256Codes() throws IOException {
        short[] oracle = oracleDecodeAll(AudioFormat.Encoding.ULAW);
        for (int c = 0; c < 256; c++) {
            assertThat(G711.ULAW.decode((byte) c)).as("code 0x%02x", c).isEqualTo(oracle[c]);
        }
    }

    @Test
    void alawDecodeMatchesJavaxSoundForAll256Codes() throws IOException {
        short[] oracle = oracleDecodeAll(AudioFormat.Encoding.ALAW);
        for (int c = 0; c < 256; c++) {
            assertThat(G711.ALAW.decode((byte) c)).as("code 0x%02x", c).isEqualTo(oracle[c]);
        }
    }

    @Test
    void ulawEncodeMatchesJavaxSoundForEverySampleWithinTheClipLevel() throws IOException {
        byte[] oracle = oracleEncodeAll(AudioFormat.Encoding.ULAW);
        int compared = 0;
        for (int i = 0; i < 65536; i++) {
            short s = (short) (i - 32768);
            if (Math.abs(s) > 32635) continue;
            assertThat(G711.ULAW.encode(s)).as("sample %d", s).isEqualTo(oracle[i]);
            compared++;
        }
        assertThat(compared).isEqualTo(65271);
    }

    @Test
    void ulawEncodeClipsSamplesBeyond32635ToTheLoudestCodeWhereJavaxSoundOverflowsToNearSilence() throws IOException {
        byte[] oracle = oracleEncodeAll(AudioFormat.Encoding.ULAW);
        for (int s = 32636; s <= 32767; s++) {
            assertThat(G711.ULAW.encode((short) s)).isEqualTo((byte) 0x80);
            assertThat((int) G711.ULAW.decode(oracle[s + 32768])).as("javax.sound overflow at %d", s).isBetween(-256, 256);
        }
        for (int s = -32768; s <= -32636; s++) assertThat(G711.ULAW.encode((short) s)).isEqualTo((byte) 0x00);
        assertThat(G711.ULAW.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ULAW.decode((byte) 0x00)).isEqualTo((short) -32124);
    }

    @Test
    void alawEncodeMatchesJavaxSoundForEveryNonNegativeSample() throws IOException {
        byte[] oracle = oracleEncodeAll(AudioFormat.Encoding.ALAW);
        for (int s = 0; s <= 32767; s++) {
            assertThat(G711.ALAW.encode((short) s)).as("sample %d", s).isEqualTo(oracle[s + 32768]);
        }
    }

    @Test
    void alawEncodeOfNegativeSamplesIsJavaxSoundShiftedBySevenBecauseWeUseItuOnesComplement() throws IOException {
        // javax.sound maps a negative s through (-s - 8); ITU-T G.191 (and FFmpeg) through ~s = (-s - 1).
        byte[] oracle = oracleEncodeAll(AudioFormat.Encoding.ALAW);
        for (int s = -32761; s <= -1; s++) {
            assertThat(G711.ALAW.encode((short) s)).as("sample %d", s).isEqualTo(oracle[s - 7 + 32768]);
        }
        for (int s = -32768; s <= -32762; s++) {
            assertThat(G711.ALAW.encode((short) s)).as("sample %d", s).isEqualTo(oracle[s + 32768]);
        }
    }

    @Test
    void alawEncodesTinyNegativeSamplesToTheSmallestNegativeLevelNotJavaxSoundsMinus248() {
        for (int s = -7; s <= -1; s++) assertThat(G711.ALAW.decode(G711.ALAW.encode((short) s))).isEqualTo((short) -8);
    }

    @Test
    void everyCodeSurvivesDecodeThenEncodeForBothLaws() {
        for (G711 law : G711.values()) {
            for (int c = 0; c < 256; c++) {
                byte code = (byte) c;
                short s = law.decode(code);
                byte again = law.encode(s);
                // µ-law has two zero codes (0x7F and 0xFF, "-0" and "+0"); both decode to 0.
                if (law == G711.ULAW && s == 0) assertThat(again).isEqualTo((byte) 0xFF);
                else assertThat(again).as("%s code 0x%02x", law, c).isEqualTo(code);
            }
        }
    }

    @Test
    void arrayAndFloatVariantsAgreeWithTheScalarCodec() {
        short[] shorts = new short[65536];
        for (int i = 0; i < 65536; i++) shorts[i] = (short) (i - 32768);
        byte[] pcm = Pcm16.fromShorts(shorts);
        float[] floats = Pcm16.toFloat(pcm);
        for (G711 law : G711.values()) {
            byte[] a = law.encode(shorts);
            assertThat(law.encode(floats)).isEqualTo(a);
            assertThat(law.fromPcm16(pcm)).isEqualTo(a);
            short[] back = law.decode(a);
            assertThat(Pcm16.toShorts(law.toPcm16(a))).isEqualTo(back);
            float[] backF = law.decodeFloat(a);
            for (int i = 0; i < back.length; i++) assertThat(backF[i]).isEqualTo(back[i] / 32768f);
        }
    }
}
