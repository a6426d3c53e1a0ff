package dev.parley.server.tts;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spec §10: a cap on concurrent streaming TTS sessions per team (50 by default; 2 here). */
class TtsSessionLimitTest {
    static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        var config = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"),
                Map.of("server.host", "127.0.0.1", "server.port", "0"));
        TtsFeature tts = new TtsFeature(config.tts().withWarmUp(false).withMaxSessionsPerKey(2));
        server = ParleyServer.builder(config).standardFeatures(false).engines(TestRuntime.get()).feature(tts).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void previousTestsSessionsHaveClosed() {
        // sockets closed by the test before hand their places back asynchronously
        await().atMost(Duration.ofSeconds(10)).until(() -> server.webSockets().total() == 0);
    }

    static RawHttp.Response upgrade() throws Exception {
        return RawHttp.upgrade(server.port(), "/v1/tts?voice=eve&language=en", "Authorization: Bearer " + TestServers.KEY);
    }

    @Test
    void aSessionBeyondTheKeysLimitIsRefusedWith429BeforeTheUpgrade_INFERRED() throws Exception {
        try (TestSocket a = TtsTesting.socket(server, "voice=eve&language=en");
                TestSocket b = TtsTesting.socket(server, "voice=eve&language=en")) {
            RawHttp.Response third = upgrade();
            assertThat(third.status()).isEqualTo(429);
            assertThat(Http.json(third.body()).get("code").stringValue()).isEqualTo("Some resource has been exhausted");
            assertThat(Http.json(third.body()).get("error").stringValue()).contains("limit 2");
            // the two open sessions still work
            a.textDelta("Still here.");
            a.textDone();
            assertThat(TtsTesting.utterance(a, 60).audio()).isNotEmpty();
        }
    }

    @Test
    void closingASessionGivesItsPlaceBack() throws Exception {
        TestSocket a = TtsTesting.socket(server, "voice=eve&language=en");
        try (TestSocket b = TtsTesting.socket(server, "voice=eve&language=en")) {
            assertThat(upgrade().status()).isEqualTo(429);
            a.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> upgrade().status() == 101);
        }
    }

    @Test
    void aMalformedLimitInTheEnvironmentIsRefusedNamingTheVariable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(null,
                Map.of("PARLEY_TTS_MAX_SESSIONS_PER_KEY", "zero"), Map.of()))
                .hasMessageContaining("tts.max_sessions_per_key").hasMessageContaining("PARLEY_TTS_MAX_SESSIONS_PER_KEY");
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).tts().maxSessionsPerKey()).isEqualTo(50);
    }
}
