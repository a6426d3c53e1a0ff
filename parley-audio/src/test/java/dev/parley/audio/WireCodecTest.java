package dev.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WireCodecTest {
    /** Every name the three former tables accepted (RawFormat.parse, tts Codec.parse, realtime AudioFormat.parse). */
    static final Map<String, WireCodec> NAMES = Map.ofEntries(
            Map.entry("pcm", WireCodec.PCM), Map.entry("pcm16", WireCodec.PCM), Map.entry("s16le", WireCodec.PCM),
            Map.entry("linear16", WireCodec.PCM), Map.entry("audio/pcm", WireCodec.PCM),
            Map.entry("mulaw", WireCodec.MULAW), Map.entry("ulaw", WireCodec.MULAW), Map.entry("pcmu", WireCodec.MULAW),
            Map.entry("g711_ulaw", WireCodec.MULAW), Map.entry("audio/pcmu", WireCodec.MULAW),
            Map.entry("audio/basic", WireCodec.MULAW),
            Map.entry("alaw", WireCodec.ALAW), Map.entry("pcma", WireCodec.ALAW), Map.entry("g711_alaw", WireCodec.ALAW),
            Map.entry("audio/pcma", WireCodec.ALAW), Map.entry("audio/alaw", WireCodec.ALAW),
            Map.entry("mp3", WireCodec.MP3), Map.entry("wav", WireCodec.WAV), Map.entry("opus", WireCodec.OPUS),
            Map.entry("aac", WireCodec.AAC), Map.entry("flac", WireCodec.FLAC));

    @Test
    void everyApiNameAndAliasParsesToItsCodec() {
        NAMES.forEach((name, codec) -> assertThat(WireCodec.parse(name)).as(name).isEqualTo(codec));
    }

    @Test
    void namesAreCaseInsensitiveAndSurroundingBlanksAreIgnored() {
        assertThat(WireCodec.parse(" PCM ")).isEqualTo(WireCodec.PCM);
        assertThat(WireCodec.parse("G711_ULAW")).isEqualTo(WireCodec.MULAW);
        assertThat(WireCodec.parse("Audio/PCMA")).isEqualTo(WireCodec.ALAW);
    }

    @Test
    void theTableListsExactlyTheseNamesAndNoNameTwice() {
        Set<String> seen = new HashSet<>();
        for (WireCodec c : WireCodec.values()) {
            for (String n : c.names()) assertThat(seen.add(n)).as("%s listed twice", n).isTrue();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(NAMES.keySet());
    }

    @Test
    void anUnknownNameIsRefusedNamingEveryAcceptedName() {
        assertThatThrownBy(() -> WireCodec.parse("vorbis")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown audio encoding 'vorbis': expected pcm (pcm16, s16le, linear16, audio/pcm), "
                        + "mulaw (ulaw, pcmu, g711_ulaw, audio/pcmu, audio/basic), "
                        + "alaw (pcma, g711_alaw, audio/pcma, audio/alaw), wav, mp3, opus, aac or flac");
    }

    @Test
    void aMissingNameIsRefusedLikeAnUnknownOne() {
        assertThatThrownBy(() -> WireCodec.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown audio encoding 'null': expected pcm");
        assertThatThrownBy(() -> WireCodec.parse("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsingAgainstASubsetRefusesTheOtherCodecsAndNamesOnlyTheSubset() {
        assertThat(WireCodec.parse("ULAW", WireCodec.RAW)).isEqualTo(WireCodec.MULAW);
        assertThatThrownBy(() -> WireCodec.parse("opus", WireCodec.RAW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown audio encoding 'opus': expected pcm (pcm16, s16le, linear16, audio/pcm), "
                        + "mulaw (ulaw, pcmu, g711_ulaw, audio/pcmu, audio/basic) or "
                        + "alaw (pcma, g711_alaw, audio/pcma, audio/alaw)");
        assertThatThrownBy(() -> WireCodec.parse("pcm", List.of(WireCodec.MP3, WireCodec.WAV)))
                .hasMessage("unknown audio encoding 'pcm': expected mp3 or wav");
    }

    @Test
    void describeWordsAListOfOneOrNone() {
        assertThat(WireCodec.describe(List.of(WireCodec.FLAC))).isEqualTo("flac");
        assertThat(WireCodec.describe(List.of())).isEqualTo("nothing");
    }

    @Test
    void rawCodecsHaveAFixedSizePerSampleAndContainersHaveNone() {
        assertThat(WireCodec.PCM.bytesPerSample()).isEqualTo(2);
        assertThat(WireCodec.MULAW.bytesPerSample()).isEqualTo(1);
        assertThat(WireCodec.ALAW.bytesPerSample()).isEqualTo(1);
        assertThat(WireCodec.RAW).allMatch(WireCodec::isRaw);
        for (WireCodec c : List.of(WireCodec.WAV, WireCodec.MP3, WireCodec.OPUS, WireCodec.AAC, WireCodec.FLAC)) {
            assertThat(c.isRaw()).isFalse();
            assertThatThrownBy(c::bytesPerSample).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(c.apiName());
        }
    }

    @Test
    void contentTypesAreThoseTheApiSendsFirstThenTheOtherNames() {
        assertThat(WireCodec.PCM.contentTypes()).containsExactly("audio/pcm");
        assertThat(WireCodec.MULAW.contentTypes()).containsExactly("audio/basic", "audio/pcmu");
        assertThat(WireCodec.ALAW.contentTypes()).containsExactly("audio/alaw", "audio/pcma");
        assertThat(WireCodec.WAV.contentType()).isEqualTo("audio/wav");
        assertThat(WireCodec.MP3.contentType()).isEqualTo("audio/mpeg");
        assertThat(WireCodec.OPUS.contentType()).isEqualTo("audio/opus");
        assertThat(WireCodec.AAC.contentType()).isEqualTo("audio/aac");
        assertThat(WireCodec.FLAC.contentType()).isEqualTo("audio/flac");
    }

    @Test
    void theFfmpegCodecsNameTheirStreamingEncoderFormat() {
        assertThat(WireCodec.MP3.encoderFormat()).contains(StreamingEncoder.Format.MP3);
        assertThat(WireCodec.OPUS.encoderFormat()).contains(StreamingEncoder.Format.OGG_OPUS);
        assertThat(WireCodec.AAC.encoderFormat()).contains(StreamingEncoder.Format.AAC_ADTS);
        assertThat(WireCodec.FLAC.encoderFormat()).contains(StreamingEncoder.Format.FLAC);
        for (WireCodec c : List.of(WireCodec.PCM, WireCodec.MULAW, WireCodec.ALAW, WireCodec.WAV)) {
            assertThat(c.encoderFormat()).isEmpty();
        }
    }

    @Test
    void encodableRatesAreTheCodecsOwn() {
        assertThat(WireCodec.PCM.encodesAt(11025)).isTrue();
        assertThat(WireCodec.WAV.encodesAt(96000)).isTrue();
        assertThat(WireCodec.MP3.encodesAt(22050)).isTrue();
        assertThat(WireCodec.MP3.encodesAt(96000)).isFalse();
        assertThat(WireCodec.OPUS.encodesAt(24000)).isTrue();
        assertThat(WireCodec.OPUS.encodesAt(22050)).isFalse();
        assertThat(WireCodec.AAC.encodesAt(7350)).isTrue();
        assertThat(WireCodec.AAC.encodesAt(9000)).isFalse();
        assertThat(WireCodec.FLAC.encodesAt(655350)).isTrue();
        assertThat(WireCodec.FLAC.encodesAt(655351)).isFalse();
        for (WireCodec c : WireCodec.values()) assertThat(c.encodesAt(0)).as("%s at 0 Hz", c).isFalse();
    }

    @Test
    void pcmDecodesLittleEndianSixteenBitAndEncodesBackExactly() {
        byte[] bytes = {0x00, 0x40, 0x00, (byte) 0xC0, (byte) 0xFF, 0x7F, 0x00, (byte) 0x80};
        float[] samples = WireCodec.PCM.decode(bytes);
        assertThat(samples).containsExactly(0.5f, -0.5f, 32767 / 32768f, -1f);
        assertThat(WireCodec.PCM.encode(samples)).containsExactly(bytes);
    }

    @Test
    void g711CodesDecodeWithTheItuTables() {
        assertThat(WireCodec.MULAW.decode(new byte[] {(byte) 0xFF, 0x7F, 0x00, (byte) 0x80}))
                .containsExactly(0f, 0f, -32124 / 32768f, 32124 / 32768f);
        assertThat(WireCodec.ALAW.decode(new byte[] {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A}))
                .containsExactly(8 / 32768f, -8 / 32768f, 32256 / 32768f, -32256 / 32768f);
    }

    @Test
    void everyMuLawCodeButNegativeZeroAndEveryALawCodeSurvivesDecodeThenEncode() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) codes[i] = (byte) i;
        byte[] ulaw = WireCodec.MULAW.encode(WireCodec.MULAW.decode(codes));
        for (int i = 0; i < 256; i++) {
            assertThat(ulaw[i] & 0xFF).as("µ-law %02x", i).isEqualTo(i == 0x7F ? 0xFF : i); // 0x7F is -0: encodes as +0
        }
        assertThat(WireCodec.ALAW.encode(WireCodec.ALAW.decode(codes))).containsExactly(codes);
    }

    @Test
    void nanIsSilenceAndOutOfRangeSamplesClipInEveryRawCodec() {
        float[] x = {Float.NaN, 3f, -3f, Float.POSITIVE_INFINITY};
        assertThat(WireCodec.PCM.decode(WireCodec.PCM.encode(x))).containsExactly(0f, 32767 / 32768f, -1f, 32767 / 32768f);
        assertThat(WireCodec.MULAW.encode(x)).containsExactly((byte) 0xFF, (byte) 0x80, 0x00, (byte) 0x80);
        assertThat(WireCodec.ALAW.encode(x)).containsExactly((byte) 0xD5, (byte) 0xAA, 0x2A, (byte) 0xAA);
    }

    @Test
    void aPcmBufferWithAnOddByteIsRefused() {
        assertThatThrownBy(() -> WireCodec.PCM.decode(new byte[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bytes");
    }

    @ParameterizedTest
    @EnumSource(value = WireCodec.class, names = {"WAV", "MP3", "OPUS", "AAC", "FLAC"})
    void containerCodecsDoNotConvertBuffers(WireCodec codec) {
        assertThatThrownBy(() -> codec.decode(new byte[4])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> codec.encode(new float[4])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWireFormatChecksWhatHoldsForEveryApi() {
        assertThat(new WireFormat(WireCodec.MULAW, 8000, 2, 0).frameBytes()).isEqualTo(2);
        assertThat(WireFormat.mono(WireCodec.PCM, 24000)).isEqualTo(new WireFormat(WireCodec.PCM, 24000, 1, 0));
        assertThatThrownBy(() -> new WireFormat(WireCodec.PCM, 0, 1, 0)).hasMessageContaining("sample rate");
        assertThatThrownBy(() -> new WireFormat(WireCodec.PCM, 16000, 65, 0)).hasMessageContaining("channels");
        assertThatThrownBy(() -> new WireFormat(WireCodec.MP3, 16000, 1, -1)).hasMessageContaining("bit rate");
        assertThatThrownBy(() -> WireFormat.mono(WireCodec.MP3, 16000).frameBytes())
                .isInstanceOf(IllegalStateException.class);
    }
}
