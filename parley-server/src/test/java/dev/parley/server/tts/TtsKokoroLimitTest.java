package dev.parley.server.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.AudioClip;
import dev.parley.audio.WireCodec;
import dev.parley.bench.ws.TestSocket;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code tts.kokoro_max_sessions}: Kokoro utterances open at once on the whole server, each from its start to its end.
 * The server here allows one (set through {@code PARLEY_TTS_KOKORO_MAX_SESSIONS}) and has a runtime of its own with
 * Kokoro alone on one inference thread (the limit belongs to the runtime; the test JVM's shared one allows the default).
 */
class TtsKokoroLimitTest {
    static final String HELLO = "{\"text\":\"Hi.\",\"language\":\"en\",\"voice_id\":\"eve\","
            + "\"output_format\":{\"codec\":\"pcm\",\"sample_rate\":24000}}";
    static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        ParleyConfig config = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY,
                "PARLEY_SHUTDOWN_GRACE_SECONDS", "1", "PARLEY_TTS_KOKORO_MAX_SESSIONS", "1"), Map.of(
                "server.host", "127.0.0.1", "server.port", "0", "models.dir", TestRuntime.modelsDir().toString(),
                "inference.threads", "1", "tts.warm_up", "false", "tts.engines", "kokoro",
                "voices.eve.engine", "kokoro", "voices.eve.engine_voice", "af_bella"));
        assertThat(config.tts().kokoroMaxSessions()).isEqualTo(1);
        server = ParleyServer.builder(config).standardFeatures(false).feature(new TtsFeature(config.tts())).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A 503 with Retry-After and the xAI error body naming Kokoro's limit. */
    static void assertRefused(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        JsonNode body = Http.json(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(body.path("code").asString()).isEqualTo("The service is currently unavailable");
        assertThat(body.path("error").asString()).contains("kokoro").contains("limit of 1");
    }

    @Test
    void aSecondKokoroUtteranceIsRefusedWhileTheFirstIsOpenAndAdmittedOnceItHasEnded() throws Exception {
        try (TestSocket first = TtsTesting.socket(server, "language=en&voice=eve&codec=pcm&sample_rate=24000");
             TestSocket detected = TtsTesting.socket(server, "language=auto&voice=eve&codec=pcm");
             TestSocket fixed = TtsTesting.socket(server, "language=en&voice=eve&codec=pcm")) {
            first.textDelta("Hello there.");
            JsonNode firstAudio = TtsTesting.next(first, 60);
            assertThat(firstAudio.path("type").asString()).isEqualTo("audio.delta");
            // the first utterance is open (it waits for more text): it holds Kokoro's one place

            assertRefused(TtsTesting.post(server.uri(), HELLO));
            detected.textDelta("Hi there.");
            JsonNode busy = TtsTesting.next(detected, 60);
            assertThat(busy.path("type").asString()).isEqualTo("error");
            assertThat(busy.path("message").asString()).contains("kokoro").contains("limit of 1");
            detected.textDelta(" The rest of a refused utterance is dropped.");
            detected.textDone();
            fixed.textDelta("Hi.");
            assertThat(TtsTesting.next(fixed, 60).path("message").asString()).contains("kokoro").contains("limit of 1");
            fixed.textDone();
            assertRefused(TtsTesting.post(server.uri(), HELLO)); // the refusals took no place and freed none

            first.textDelta(" How are you?");
            first.textDone();
            TtsTesting.Utterance rest = TtsTesting.utterance(first, 120);
            AudioClip clip = TtsTesting.decode(WireCodec.PCM, rest.audio(), 24000);
            assertThat(TtsTesting.rms(clip.mono())).isGreaterThan(0.01);

            HttpResponse<byte[]> admitted = TtsTesting.post(server.uri(), HELLO);
            assertThat(admitted.statusCode()).isEqualTo(200);
            assertThat(TtsTesting.rms(TtsTesting.decode(WireCodec.PCM, admitted.body(), 24000).mono())).isGreaterThan(0.01);
            // each socket's next utterance asks again, and nothing of the refused ones follows it
            for (TestSocket c : new TestSocket[] {detected, fixed}) {
                c.textDelta("Hi.");
                c.textDone();
                assertThat(TtsTesting.utterance(c, 120).audio()).isNotEmpty();
            }
        }
    }
}
