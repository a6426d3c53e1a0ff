package dev.parley.server.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.Resampler;
import dev.parley.audio.WireCodec;
import dev.parley.audio.WireDecoder;
import dev.parley.audio.WireEncoder;
import dev.parley.audio.WireFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * parley-audio's {@link WireDecoder} and {@link WireEncoder} do what the realtime session does with an
 * {@link AudioFormat}, byte for byte: the input path (odd PCM byte carried to the next append, streaming resampler to
 * 16 kHz) and the output path (one-shot resample to the format's rate, then encode). The proof that they replace it.
 */
class AudioFormatParityTest {
    static final int RATE = 16000; // the session's internal rate

    static Stream<AudioFormat> formats() {
        List<AudioFormat> all = new ArrayList<>();
        for (int rate : AudioFormat.PCM_RATES.stream().sorted().toList()) all.add(AudioFormat.parse("audio/pcm", rate, "p"));
        for (String type : List.of("pcm16", "audio/pcmu", "audio/pcma", "g711_ulaw", "g711_alaw")) {
            all.add(AudioFormat.parse(type, null, "p"));
        }
        return all.stream();
    }

    static WireFormat wire(AudioFormat f) {
        return WireFormat.mono(WireCodec.parse(f.type()), f.rate());
    }

    /** RealtimeSession.handleAudio's decoding as of this change: carry an odd PCM byte, resample to 16 kHz. */
    static final class SessionInput {
        final AudioFormat fmt;
        final Resampler resampler;
        int carryByte = -1;

        SessionInput(AudioFormat fmt) {
            this.fmt = fmt;
            this.resampler = new Resampler(fmt.rate(), RATE);
        }

        float[] append(byte[] bytes) {
            if (fmt.bytesPerSample() == 2) {
                if (carryByte >= 0) {
                    byte[] joined = new byte[bytes.length + 1];
                    joined[0] = (byte) carryByte;
                    System.arraycopy(bytes, 0, joined, 1, bytes.length);
                    bytes = joined;
                    carryByte = -1;
                }
                if ((bytes.length & 1) == 1) {
                    carryByte = bytes[bytes.length - 1] & 0xff;
                    bytes = Arrays.copyOf(bytes, bytes.length - 1);
                }
            }
            return resampler.process(fmt.decode(bytes));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void appendsInAnyChunkingDecodeToTheSessionsSamples(AudioFormat fmt) {
        assertThat(wire(fmt).codec().bytesPerSample()).isEqualTo(fmt.bytesPerSample());
        Random rnd = new Random(fmt.rate());
        byte[] stream = new byte[fmt.rate() / 5 * fmt.bytesPerSample() + 1];
        rnd.nextBytes(stream);
        SessionInput session = new SessionInput(fmt);
        WireDecoder decoder = new WireDecoder(wire(fmt), RATE, false);
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(stream.length - at, rnd.nextInt(301)); // odd sizes and empty appends
            byte[] append = Arrays.copyOfRange(stream, at, at + n);
            assertThat(decoder.decode(append)[0]).containsExactly(session.append(append));
            assertThat(decoder.carried()).isEqualTo(session.carryByte >= 0 ? 1 : 0);
            at += n;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void aClauseEncodesToTheSessionsWireBytes(AudioFormat fmt) {
        for (int engineRate : List.of(22050, 24000)) {
            float[] speech = new float[engineRate / 3];
            for (int i = 0; i < speech.length; i++) speech[i] = (float) (0.7 * Math.sin(i * 0.05) * Math.cos(i * 0.0031));
            byte[] session = fmt.encode(Resampler.resample(speech, engineRate, fmt.rate()));
            assertThat(WireEncoder.encodeAll(speech, engineRate, wire(fmt))).containsExactly(session);
        }
    }
}
