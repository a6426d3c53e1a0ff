package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ws.TestSocket;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.testing.EchoEndpoint;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.tts.TtsFeature;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code limits} caps, through the router on a real server: WebSocket sessions per API key per endpoint (429
 * before the upgrade; spec §10's 50 streaming TTS sessions per team, 2 here, on the real {@code /v1/tts}), sessions
 * of the whole server (503 with Retry-After), REST requests in flight per key and in all.
 */
class LimitsTest {
    static final String K1 = "limits-key-one-0123";
    static final String K2 = "limits-key-two-0123";
    static final String K3 = "limits-key-three-012";
    static final Semaphore holding = new Semaphore(0);
    static volatile CountDownLatch release = new CountDownLatch(0);
    static ParleyServer server;
    static URI ws;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        var config = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", K1 + "," + K2 + "," + K3,
                "PARLEY_SHUTDOWN_GRACE_SECONDS", "1"), Map.of("server.host", "127.0.0.1", "server.port", "0",
                "limits.sockets_per_key", "2", "limits.sockets", "4", "limits.requests_per_key", "1",
                "limits.requests", "2"));
        server = ParleyServer.builder(config).standardFeatures(false).engines(TestRuntime.get())
                .feature(new TtsFeature(config.tts().withWarmUp(false)))
                .feature(ctx -> ctx.router()
                        .websocket("/v1/echo", hs -> new EchoEndpoint())
                        .post("/v1/hold", ex -> {
                            holding.release();
                            release.await(30, TimeUnit.SECONDS);
                            ex.json(200, Map.of("held", true));
                        }))
                .start();
        ws = URI.create("ws://127.0.0.1:" + server.port());
        http = new Http(URI.create("http://127.0.0.1:" + server.port()));
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.close();
    }

    @BeforeEach
    void previousTestsHaveGivenTheirPlacesBack() {
        // sockets closed by an earlier test hand their places back asynchronously
        await().atMost(Duration.ofSeconds(20)).until(() -> server.webSockets().total() == 0);
    }

    static TestSocket connect(String path, String key) {
        return TestSocket.to(ws.resolve(path)).bearer(key).connect();
    }

    static RawHttp.Response upgrade(String path, String key) throws Exception {
        return RawHttp.upgrade(server.port(), path, "Authorization: Bearer " + key);
    }

    @Test
    void aTtsSessionBeyondTheKeysLimitIsRefusedWith429BeforeTheUpgradeAndTheOpenOnesGoOn_INFERRED() throws Exception {
        try (TestSocket a = connect("/v1/tts?voice=eve&language=en", K1);
                TestSocket b = connect("/v1/tts?voice=eve&language=en", K1)) {
            RawHttp.Response third = upgrade("/v1/tts?voice=eve&language=en", K1);
            assertThat(third.status()).isEqualTo(429);
            assertThat(Http.json(third.body()).get("code").stringValue()).isEqualTo("Some resource has been exhausted");
            assertThat(Http.json(third.body()).get("error").stringValue()).contains("/v1/tts").contains("limit 2");
            // another key, and the same key on another endpoint, are not affected
            assertThat(upgrade("/v1/tts?voice=eve&language=en", K2).status()).isEqualTo(101);
            assertThat(upgrade("/v1/echo", K1).status()).isEqualTo(101);
            // the two open sessions still work
            a.send("{\"type\":\"text.delta\",\"delta\":\"Still here.\"}");
            a.send("{\"type\":\"text.done\"}");
            boolean audio = false;
            for (int i = 0; i < 200 && !audio; i++) {
                audio = "audio.delta".equals(a.next(Duration.ofSeconds(60)).type());
            }
            assertThat(audio).isTrue();
        }
    }

    @Test
    void closingASessionGivesItsPlaceBack() throws Exception {
        TestSocket a = connect("/v1/echo", K1);
        try (TestSocket b = connect("/v1/echo", K1)) {
            assertThat(upgrade("/v1/echo", K1).status()).isEqualTo(429);
            a.close(1000, "bye");
            await().atMost(Duration.ofSeconds(20)).until(() -> upgrade("/v1/echo", K1).status() == 101);
        }
    }

    @Test
    void aFullServerRefusesTheNextSessionWith503AndRetryAfterWhateverTheKey() throws Exception {
        try (TestSocket a = connect("/v1/echo", K1); TestSocket b = connect("/v1/echo", K1);
                TestSocket c = connect("/v1/echo", K2); TestSocket d = connect("/v1/echo", K2)) {
            RawHttp.Response fifth = upgrade("/v1/echo", K3);
            assertThat(fifth.status()).isEqualTo(503);
            assertThat(fifth.header("retry-after")).isEqualTo("5");
            assertThat(Http.json(fifth.body()).get("error").stringValue()).contains("limit of 4 WebSocket sessions");
            // the open sessions go on
            c.send("still");
            assertThat(c.next(Duration.ofSeconds(10)).text()).isEqualTo("still");
        }
    }

    @Test
    void restRequestsInFlightAreCappedPerKeyWith429AndInAllWith503() throws Exception {
        release = new CountDownLatch(1);
        holding.drainPermits();
        try {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(K1));
            assertThat(holding.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = post(K1);
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(Http.json(second).get("error").stringValue()).contains("limit 1");

            CompletableFuture<HttpResponse<String>> other = CompletableFuture.supplyAsync(() -> post(K2));
            assertThat(holding.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> full = post(K3);
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).contains("5");

            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(other.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            // the places are back
            release = new CountDownLatch(0);
            assertThat(post(K1).statusCode()).isEqualTo(200);
        } finally {
            release.countDown();
        }
    }

    static HttpResponse<String> post(String key) {
        try {
            return http.send("POST", "/v1/hold", "{}", "Authorization", "Bearer " + key, "Content-Type",
                    "application/json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMalformedLimitIsRefusedNamingTheSettingAndTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_LIMITS_SOCKETS_PER_KEY", "zero"), Map.of()))
                .hasMessageContaining("limits.sockets_per_key").hasMessageContaining("PARLEY_LIMITS_SOCKETS_PER_KEY");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_LIMITS_REQUESTS", "0"), Map.of()))
                .hasMessageContaining("limits.requests");
        var defaults = ConfigLoader.load(null, Map.of(), Map.of()).limits();
        assertThat(defaults.socketsPerKey()).isEqualTo(50);
        assertThat(defaults.sockets()).isEqualTo(256);
        assertThat(defaults.requestsPerKey()).isEqualTo(16);
        assertThat(defaults.requests()).isEqualTo(64);
    }
}
