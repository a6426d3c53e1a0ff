package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavTest {

    /** Builds a RIFF/WAVE file from chunks given in order. */
    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) body.writeBytes(c);
        ByteBuffer b = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray());
        return b.array();
    }

    /** One chunk with its pad byte when the payload is odd. */
    static byte[] chunk(String id, byte[] payload) {
        return chunk(id, payload, payload.length);
    }

    static byte[] chunk(String id, byte[] payload, long declaredSize) {
        int pad = payload.length & 1;
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredSize).put(payload);
        return b.array();
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        int block = channels * bits / 8;
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * block)
                .putShort((short) block).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    static byte[] fmtExtensible(int subTag, int channels, int rate, int bits) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        int block = channels * bits / 8;
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * block)
                .putShort((short) block).putShort((short) bits).putShort((short) 22).putShort((short) bits)
                .putInt(channels == 2 ? 3 : 4).putShort((short) subTag)
                .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    static byte[] le16(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) b.putShort((short) s);
        return b.array();
    }

    @Test
    void writtenFileReadsBackWithTheSameSamples() {
        float[] mono = {0, 0.25f, -0.5f, 32767 / 32768f, -1f};
        AudioClip clip = Wav.read(Wav.write(mono, 16000));
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.channelCount()).isEqualTo(1);
        assertThat(clip.channels()[0]).containsExactly(mono);
    }

    @Test
    void writtenStereoFileReadsBackAsTwoChannels() {
        AudioClip in = new AudioClip(48000, new float[][] {{0.5f, 0.25f}, {-0.5f, -0.25f}});
        byte[] wav = Wav.write(in);
        assertThat(wav).hasSize(44 + 8);
        AudioClip out = Wav.read(wav);
        assertThat(out.channels()).isDeepEqualTo(in.channels());
        assertThat(out.sampleRate()).isEqualTo(48000);
    }

    @Test
    void chunksInAnyOrderWithListBeforeFmtAndDataBeforeFmtAreRead() {
        byte[] list = chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0".getBytes(StandardCharsets.ISO_8859_1));
        byte[] wav = riff(list, chunk("data", le16(1000, -1000)), chunk("fact", new byte[4]), fmt(1, 1, 8000, 16));
        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.channels()[0]).containsExactly(1000 / 32768f, -1000 / 32768f);
    }

    @Test
    void oddSizedChunkIsFollowedByItsPadByte() {
        byte[] odd = chunk("junk", new byte[] {1, 2, 3}); // 3 bytes + pad
        assertThat(odd).hasSize(12);
        AudioClip clip = Wav.read(riff(fmt(1, 1, 8000, 16), odd, chunk("data", le16(7))));
        assertThat(clip.channels()[0]).containsExactly(7 / 32768f);
    }

    @Test
    void eightBitPcmIsUnsignedAroundOneHundredTwentyEight() {
        AudioClip clip = Wav.read(riff(fmt(1, 1, 8000, 8), chunk("data", new byte[] {(byte) 128, (byte) 255, 0, 64})));
        assertThat(clip.channels()[0]).containsExactly(0f, 127 / 128f, -1f, -0.5f);
    }

    @Test
    void twentyFourBitPcmIsSignExtended() {
        byte[] data = {0, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0x7F, 0, 0, 0x40};
        AudioClip clip = Wav.read(riff(fmt(1, 1, 44100, 24), chunk("data", data)));
        assertThat(clip.channels()[0]).containsExactly(-1f, 8388607 / 8388608f, 0.5f);
    }

    @Test
    void thirtyTwoBitIntegerPcmIsScaledBy2To31() {
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        AudioClip clip = Wav.read(riff(fmt(1, 1, 22050, 32), chunk("data", d.array())));
        assertThat(clip.channels()[0]).containsExactly(-1f, 0.5f);
    }

    @Test
    void ieeeFloat32IsReadAsIs() {
        ByteBuffer d = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.125f).putFloat(-0.75f).putFloat(1.5f);
        AudioClip clip = Wav.read(riff(fmt(3, 1, 24000, 32), chunk("data", d.array())));
        assertThat(clip.channels()[0]).containsExactly(0.125f, -0.75f, 1.5f);
    }

    @Test
    void extensibleFormatUsesItsSubFormat() {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(0.1f).putFloat(0.2f).putFloat(0.3f).putFloat(0.4f);
        AudioClip clip = Wav.read(riff(fmtExtensible(3, 2, 48000, 32), chunk("data", d.array())));
        assertThat(clip.channelCount()).isEqualTo(2);
        assertThat(clip.channels()[0]).containsExactly(0.1f, 0.3f);
        assertThat(clip.channels()[1]).containsExactly(0.2f, 0.4f);
    }

    @Test
    void extensibleSixteenBitStereoIsDeinterleaved() {
        AudioClip clip = Wav.read(riff(fmtExtensible(1, 2, 16000, 16), chunk("data", le16(1, 2, 3, 4, 5, 6))));
        assertThat(clip.frames()).isEqualTo(3);
        assertThat(clip.channels()[1]).containsExactly(2 / 32768f, 4 / 32768f, 6 / 32768f);
    }

    @Test
    void multiChannelFileKeepsEveryChannel() {
        AudioClip clip = Wav.read(riff(fmt(1, 6, 48000, 16), chunk("data", le16(0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15))));
        assertThat(clip.channelCount()).isEqualTo(6);
        assertThat(clip.channels()[5]).containsExactly(5 / 32768f, 15 / 32768f);
    }

    @Test
    void g711WavIsDecodedWithTheG711Tables() {
        byte[] codes = G711.ULAW.encode(new short[] {1000, -2000});
        AudioClip clip = Wav.read(riff(fmt(7, 1, 8000, 8), chunk("data", codes)));
        assertThat(clip.channels()[0]).containsExactly(G711.ULAW.decodeFloat(codes[0]), G711.ULAW.decodeFloat(codes[1]));
    }

    @Test
    void truncatedDataChunkKeepsTheWholeFramesThatArePresent() {
        byte[] full = riff(fmt(1, 2, 8000, 16), chunk("data", le16(1, 2, 3, 4, 5, 6)));
        byte[] cut = Arrays.copyOf(full, full.length - 3); // cuts frame 3 in half
        AudioClip clip = Wav.read(cut);
        assertThat(clip.frames()).isEqualTo(2);
        assertThat(clip.channels()[1]).containsExactly(2 / 32768f, 4 / 32768f);
    }

    @Test
    void streamingHeaderWithUnknownLengthReadsToTheEnd() {
        byte[] header = Wav.streamingHeader(24000, 1);
        assertThat(Arrays.copyOfRange(header, 40, 44)).containsExactly(-1, -1, -1, -1);
        assertThat(Arrays.copyOfRange(header, 4, 8)).containsExactly(-1, -1, -1, -1);
        byte[] wav = new byte[44 + 6];
        System.arraycopy(header, 0, wav, 0, 44);
        System.arraycopy(le16(100, 200, 300), 0, wav, 44, 6);
        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.channels()[0]).containsExactly(100 / 32768f, 200 / 32768f, 300 / 32768f);
    }

    @Test
    void headerDeclaresTheDataSize() {
        ByteBuffer h = ByteBuffer.wrap(Wav.header(16000, 2, 6400)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(h.getInt(4)).isEqualTo(36 + 6400);
        assertThat(h.getInt(24)).isEqualTo(16000);
        assertThat(h.getInt(28)).isEqualTo(64000);
        assertThat(h.getInt(40)).isEqualTo(6400);
    }

    @Test
    void garbageIsNotAWavFile() {
        assertThatThrownBy(() -> Wav.read("hello, this is not audio".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("not a WAV file");
    }

    @Test
    void emptyInputIsNotAWavFile() {
        assertThatThrownBy(() -> Wav.read(new byte[0])).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("not a WAV file");
    }

    @Test
    void fileCutInsideTheFmtChunkIsReportedAsTruncated() {
        byte[] full = riff(fmt(1, 1, 8000, 16), chunk("data", le16(1, 2)));
        assertThatThrownBy(() -> Wav.read(Arrays.copyOf(full, 24))).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void fileWithoutDataChunkIsRejected() {
        assertThatThrownBy(() -> Wav.read(riff(fmt(1, 1, 8000, 16)))).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("no data chunk");
    }

    @Test
    void unsupportedEncodingNamesItsFormatTag() {
        assertThatThrownBy(() -> Wav.read(riff(fmt(2, 1, 8000, 4), chunk("data", new byte[8]))))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("0x0002");
    }

    @Test
    void everyTruncationOfAValidFileEitherReadsOrThrowsAudioFormatException() {
        byte[] full = riff(chunk("LIST", new byte[13]), fmtExtensible(1, 2, 16000, 16), chunk("data", le16(1, 2, 3, 4, 5, 6)));
        for (int n = 0; n <= full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            try {
                Wav.read(cut);
            } catch (AudioFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void randomByteFlipsInAValidFileNeverThrowAnythingButAudioFormatException() {
        byte[] full = riff(chunk("LIST", new byte[13]), fmt(1, 2, 16000, 16), chunk("data", le16(1, 2, 3, 4, 5, 6)));
        Random rnd = new Random(42);
        for (int i = 0; i < 20000; i++) {
            byte[] m = full.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            try {
                Wav.read(m);
            } catch (AudioFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
