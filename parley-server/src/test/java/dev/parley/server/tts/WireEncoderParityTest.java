package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.WireCodec;
import dev.parley.audio.WireEncoder;
import dev.parley.audio.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * parley-audio's {@link WireEncoder} gives the TTS routes the bytes {@link AudioEncoder} gives, call for call: the
 * proof that it replaces AudioEncoder as a drop-in ({@code WireFormat.mono(codec, rate)}, the bit rate for MP3 only).
 */
class WireEncoderParityTest {
    static WireCodec wire(Codec codec) {
        return WireCodec.parse(codec.apiName);
    }

    static WireFormat wireFormat(OutputFormat f) {
        return new WireFormat(wire(f.codec()), f.sampleRate(), 1, f.codec() == Codec.MP3 ? f.bitRate() : 0);
    }

    /** Every codec at every rate its routes allow (xAI codecs: the six rates; OpenAI-only codecs: 24 kHz). */
    static Stream<Arguments> formats() {
        List<Arguments> all = new ArrayList<>();
        for (Codec c : Codec.values()) {
            List<Integer> rates = Codec.XAI.contains(c) ? OutputFormat.SAMPLE_RATES : List.of(OpenAiSpeech.SAMPLE_RATE);
            for (int rate : rates) all.add(Arguments.of(new OutputFormat(c, rate, c == Codec.MP3 ? 64000 : 128000)));
        }
        return all.stream();
    }

    static float[] tone(int rate, double seconds, double hz) {
        float[] f = new float[(int) (rate * seconds)];
        for (int i = 0; i < f.length; i++) f[i] = (float) (0.6 * Math.sin(2 * Math.PI * hz * i / rate));
        return f;
    }

    /** One utterance as TtsStream feeds it: clauses of engine output, an empty one, an engine switch mid-utterance. */
    record Call(float[] samples, int rate) {}

    static final List<Call> UTTERANCE = List.of(new Call(tone(24000, 0.4, 440), 24000), new Call(new float[0], 24000),
            new Call(tone(24000, 0.013, 300), 24000), new Call(tone(22050, 0.3, 520), 22050),
            new Call(tone(22050, 0.2, 700), 22050), new Call(tone(24000, 0.1, 200), 24000));

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyCallReturnsTheBytesAudioEncoderReturns(OutputFormat format) {
        try (AudioEncoder old = new AudioEncoder(format); WireEncoder now = new WireEncoder(wireFormat(format))) {
            for (Call c : UTTERANCE) {
                byte[] expected = old.encode(c.samples(), c.rate());
                assertThat(now.encode(c.samples(), c.rate())).as("%s, %d samples at %d Hz", format,
                        c.samples().length, c.rate()).containsExactly(expected);
                assertThat(now.samplesOut()).isEqualTo(old.samplesOut());
            }
            assertThat(now.finish()).containsExactly(old.finish());
            assertThat(now.seconds()).isEqualTo(old.seconds());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void anEmptyUtteranceIsTheSameBytes(OutputFormat format) {
        try (AudioEncoder old = new AudioEncoder(format); WireEncoder now = new WireEncoder(wireFormat(format))) {
            assertThat(now.finish()).containsExactly(old.finish());
        }
        try (AudioEncoder old = new AudioEncoder(format); WireEncoder now = new WireEncoder(wireFormat(format))) {
            assertThat(now.encode(new float[0], 22050)).containsExactly(old.encode(new float[0], 22050));
            assertThat(now.finish()).containsExactly(old.finish());
        }
    }

    @Test
    void theTableHoldsTheTtsCodecsNamesAndContentTypes() {
        for (Codec c : Codec.values()) {
            assertThat(wire(c).apiName()).isEqualTo(c.apiName);
            assertThat(wire(c).contentType()).as(c.apiName).isEqualTo(c.contentType);
        }
        for (String name : List.of("mp3", "wav", "pcm", "mulaw", "ulaw", "alaw", "MP3")) { // what Codec.parse takes
            assertThat(WireCodec.parse(name)).as(name).isEqualTo(wire(Codec.parse(name)));
        }
    }
}
