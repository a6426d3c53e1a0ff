package dev.parley.server.playground;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.secrets.ClientSecrets;
import dev.parley.server.secrets.SecretUse;
import dev.parley.server.secrets.Verification;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The playground routes over HTTP: public page and assets, the guarded mint route, the voice list. */
class PlaygroundFeatureTest {
    static final String KEY = "test-key-0123456789";
    static final String SIGNING_KEY = "playground-test-signing-key-0123456789abcdef";
    static ParleyServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = start(Map.of());
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ParleyServer start(Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PARLEY_API_KEYS", KEY, "PARLEY_SHUTDOWN_GRACE_SECONDS", "1",
                "PARLEY_SECRET_SIGNING_KEY", SIGNING_KEY));
        env.putAll(extraEnv);
        ParleyConfig cfg = ConfigLoader.load(null, env, Map.of("server.host", "127.0.0.1", "server.port", "0"));
        return ParleyServer.builder(cfg).standardFeatures(false).engines(TestRuntime.get()).feature(new PlaygroundFeature(cfg.playground())).start();
    }

    static RawHttp.Response mint(int port, String... headerLines) throws Exception {
        StringBuilder sb = new StringBuilder("POST /playground/session HTTP/1.1\r\n");
        boolean host = false;
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
            host |= h.regionMatches(true, 0, "Host:", 0, 5);
        }
        if (!host) sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
        sb.append("Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        return RawHttp.exchange(port, sb.toString());
    }

    @Test
    void pageIsServedAtRootWithoutAnApiKeyAndWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("content-security-policy")).hasValueSatisfying(
                v -> assertThat(v).contains("default-src 'self'").contains("connect-src 'self'"));
        assertThat(r.body()).contains("<title>Parley playground</title>").contains("/playground/main.js");
    }

    @Test
    void everyScriptThePageLoadsIsServedAsJavaScript() throws Exception {
        for (String f : new String[] {"main.js", "common.js", "agent.js", "tts.js", "stt.js", "mic-worklet.js"}) {
            HttpResponse<String> r = http.get("/playground/" + f);
            assertThat(r.statusCode()).as(f).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).as(f).hasValue("text/javascript; charset=utf-8");
        }
        assertThat(http.get("/playground/app.css").headers().firstValue("content-type"))
                .hasValue("text/css; charset=utf-8");
    }

    @Test
    void unknownOrOddlyNamedAssetsAre404() throws Exception {
        assertThat(http.get("/playground/nope.js").statusCode()).isEqualTo(404);
        assertThat(http.get("/playground/Main.JS").statusCode()).isEqualTo(404);
        assertThat(http.get("/playground/..%2Fconfig%2Fparley.yaml").statusCode()).isIn(400, 404);
        assertThat(http.get("/playground/%2e%2e").statusCode()).isIn(400, 404);
    }

    @Test
    void voicesAreListedWithoutAnApiKeyLikeTheTtsVoicesRoute() throws Exception {
        HttpResponse<String> r = http.get("/playground/voices");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode voices = Http.json(r).get("voices");
        assertThat(voices.size()).isEqualTo(5);
        assertThat(voices.get(0).get("voice_id").stringValue()).isEqualTo("eve");
    }

    @Test
    void loopbackClientMintsASecretThatOpensRealtimeButNotRest() throws Exception {
        RawHttp.Response r = mint(server.port());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("cache-control")).isEqualTo("no-store");
        JsonNode body = Http.json(r.body());
        String value = body.get("value").stringValue();
        long expiresAt = body.get("expires_at").asLong();
        assertThat(value).startsWith(ClientSecrets.PREFIX).doesNotContain(KEY);
        assertThat(expiresAt - Instant.now().getEpochSecond())
                .isBetween(PlaygroundFeature.SECRET_TTL_SECONDS - 5L, PlaygroundFeature.SECRET_TTL_SECONDS + 1L); // rounded up
        ClientSecrets verifier = new ClientSecrets(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), 10);
        Verification ws = verifier.verify(value, SecretUse.REALTIME_WEBSOCKET, Instant.now());
        assertThat(ws.isValid()).isTrue();
        assertThat(((Verification.Valid) ws).claims().keyId()).isEqualTo(ClientSecrets.keyId(KEY));
        assertThat(verifier.verify(value, SecretUse.REST, Instant.now()).isValid()).isFalse();
    }

    @Test
    void mintingIsRefusedWhenTheOriginIsAnotherSite() throws Exception {
        RawHttp.Response r = mint(server.port(), "Origin: http://evil.example");
        assertThat(r.status()).isEqualTo(403);
        assertThat(Http.json(r.body()).get("error").stringValue()).contains("Origin http://evil.example");
    }

    @Test
    void mintingIsAllowedWhenTheOriginIsThePageItself() throws Exception {
        RawHttp.Response r = mint(server.port(), "Origin: http://127.0.0.1:" + server.port());
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void mintingIsRefusedWhenTheServerIsReachedByANonLoopbackNameAsAfterDnsRebinding() throws Exception {
        RawHttp.Response r = mint(server.port(), "Host: rebind.evil.example:" + server.port());
        assertThat(r.status()).isEqualTo(403);
        assertThat(Http.json(r.body()).get("error").stringValue()).contains("playground.allow_remote");
    }

    @Test
    void mintingIsRefusedForRequestsForwardedByAProxy() throws Exception {
        RawHttp.Response r = mint(server.port(), "X-Forwarded-For: 203.0.113.7");
        assertThat(r.status()).isEqualTo(403);
        assertThat(Http.json(r.body()).get("error").stringValue()).contains("proxy");
    }

    @Test
    void allowRemoteLetsAnyHostMintButStillRefusesForeignOrigins() throws Exception {
        try (ParleyServer open = start(Map.of("PARLEY_PLAYGROUND_ALLOW_REMOTE", "true"))) {
            assertThat(mint(open.port(), "Host: parley.example.org", "X-Forwarded-For: 203.0.113.7").status())
                    .isEqualTo(200);
            assertThat(mint(open.port(), "Host: parley.example.org", "Origin: https://evil.example").status())
                    .isEqualTo(403);
        }
    }

    @Test
    void disabledPlaygroundServesNothing() throws Exception {
        try (ParleyServer off = start(Map.of("PARLEY_PLAYGROUND_ENABLED", "false"))) {
            Http h = new Http(off.uri());
            assertThat(h.get("/").statusCode()).isEqualTo(404);
            assertThat(h.get("/playground/main.js").statusCode()).isEqualTo(404);
            assertThat(mint(off.port()).status()).isEqualTo(404);
        }
    }
}
