package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Wav;
import dev.parley.audio.WireCodec;
import dev.parley.server.ParleyServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * POST /v1/tts: every codec at every sample rate of spec §5 decodes to audio of that rate and a plausible length. The
 * voice speaks with espeak-ng here (22.05 kHz, so every rate is a real conversion) to keep 30 cases quick on two cores;
 * the Kokoro path is covered by {@link TtsRestTest}.
 */
class TtsRestAudioTest {
    static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TtsTesting.start("voices.eve.engine", "espeak", "voices.eve.engine_voice", "f3");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Arguments> codecsAndRates() {
        List<Arguments> out = new ArrayList<>();
        for (WireCodec c : OutputFormat.XAI) for (int rate : OutputFormat.SAMPLE_RATES) out.add(Arguments.of(c, rate));
        return out;
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("codecsAndRates")
    void everyCodecAtEveryRateDecodesToAudioOfThatRateAndAPlausibleLength(WireCodec codec, int rate) throws Exception {
        HttpResponse<byte[]> r = TtsTesting.post(server.uri(), """
                {"text":"Hello world.","language":"en","output_format":{"codec":"%s","sample_rate":%d}}"""
                .formatted(codec.apiName(), rate));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(codec.contentType());
        assertThat(r.headers().firstValue("x-trace-id")).isPresent();
        if (codec == WireCodec.WAV) {
            assertThat(Wav.read(r.body()).sampleRate()).isEqualTo(rate);
        }
        AudioClip clip = TtsTesting.decode(codec, r.body(), rate);
        assertThat(clip.sampleRate()).isEqualTo(rate);
        assertThat(clip.channelCount()).isEqualTo(1);
        // "Hello world." spoken: well over a third of a second, well under three seconds (plus the MP3 priming).
        assertThat(clip.durationSeconds()).isBetween(0.4, 3.0);
        assertThat(TtsTesting.rms(clip.mono())).isGreaterThan(0.01);
    }
}
