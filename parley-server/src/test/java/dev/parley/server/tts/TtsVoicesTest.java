package dev.parley.server.tts;

import dev.parley.audio.AudioClip;
import dev.parley.audio.WireCodec;
import dev.parley.bench.eval.Pitch;
import dev.parley.bench.eval.WerScorer;
import dev.parley.server.ParleyServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five built-in voices with the default configuration, over POST /v1/tts: each speaks with its spec gender
 * (median F0: female above 165 Hz, male below 150 Hz; spec §2.2 baseline voices), each sounds different from the
 * others, and each is understood.
 */
class TtsVoicesTest {
    static final String TEXT = "The weather is lovely this morning, so we will walk along the river.";
    static ParleyServer server;
    static final Map<String, Double> F0 = new LinkedHashMap<>();
    static final Map<String, Double> SECONDS = new LinkedHashMap<>();

    @BeforeAll
    static void speakEveryVoice() throws Exception {
        server = TtsTesting.start();
        for (String voice : new String[]{"eve", "ara", "rex", "sal", "leo"}) {
            HttpResponse<byte[]> r = TtsTesting.post(server.uri(), """
                    {"text":"%s","voice_id":"%s","language":"en","output_format":{"codec":"pcm","sample_rate":24000}}"""
                    .formatted(TEXT, voice));
            assertThat(r.statusCode()).as(voice).isEqualTo(200);
            AudioClip clip = TtsTesting.decode(WireCodec.PCM, r.body(), 24000);
            F0.put(voice, Pitch.medianF0(clip.mono(), 24000));
            SECONDS.put(voice, clip.durationSeconds());
            String heard = dev.parley.server.testing.Heard.words(clip.mono(), 24000);
            assertThat(WerScorer.wer(TEXT, heard)).as("%s heard as: %s", voice, heard).isLessThanOrEqualTo(0.15);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void femaleVoicesAreAbove165Hz() {
        assertThat(F0.get("eve")).as("eve").isGreaterThan(165);
        assertThat(F0.get("ara")).as("ara").isGreaterThan(165);
    }

    @Test
    void maleVoicesAreBelow150Hz() {
        assertThat(F0.get("rex")).as("rex").isLessThan(150);
        assertThat(F0.get("leo")).as("leo").isLessThan(150);
    }

    @Test
    void theNeutralVoiceLiesBetweenTheFemaleAndTheMaleOnes() {
        assertThat(F0.get("sal")).isLessThan(Math.min(F0.get("eve"), F0.get("ara")))
                .isGreaterThan(Math.max(F0.get("rex"), F0.get("leo")));
    }

    @Test
    void voicesOnOneSpeakerDifferInPitchOrPace() {
        // eve, ara, sal share hibari's speaker and rex, leo Piper's: each pair differs by 4 % in F0 or in length
        String[] ids = F0.keySet().toArray(String[]::new);
        for (int i = 0; i < ids.length; i++) {
            for (int j = i + 1; j < ids.length; j++) {
                double f = F0.get(ids[i]) / F0.get(ids[j]);
                double s = SECONDS.get(ids[i]) / SECONDS.get(ids[j]);
                assertThat(Math.abs(f - 1) > 0.04 || Math.abs(s - 1) > 0.04)
                        .as("%s vs %s: F0 ratio %.3f, length ratio %.3f", ids[i], ids[j], f, s).isTrue();
            }
        }
    }
}
