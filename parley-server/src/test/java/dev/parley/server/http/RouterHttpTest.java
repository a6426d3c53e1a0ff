package dev.parley.server.http;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.EchoEndpoint;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterHttpTest {
    static ParleyServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(ctx -> ctx.router()
                .post("/v1/echo", ex -> ex.send(200, "text/plain", ex.body(1024)))
                .websocket("/v1/echo", hs -> new EchoEndpoint())
                .websocket("/v1/ws-only", hs -> new EchoEndpoint())
                .get("/v1/boom", ex -> {
                    throw new IllegalStateException("secret internal detail");
                })
                .get("/v1/jetty-refusal", ex -> {
                    throw new org.eclipse.jetty.http.BadMessageException(400, "jetty's own text");
                })
                .get("/v1/teapot", ex -> {
                    throw new ApiException(429, "slow down");
                })
                .get("/v1/thread", ex -> ex.json(200, Map.of("virtual", Thread.currentThread().isVirtual())))
                .get("/v1/items/{item_id}", ex -> ex.json(200, Map.of("id", ex.pathParam("item_id"))))
                .get("/v1/items/special", ex -> ex.json(200, Map.of("id", "exact"))));
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestWithoutKeyGets401WithJsonErrorBodyAndRequestId() throws Exception {
        HttpResponse<String> r = http.get("/v1/tts/voices");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(r.headers().firstValue("www-authenticate")).hasValue("Bearer");
        var body = Http.json(r);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("code", "error");
        assertThat(body.get("code").stringValue()).isEqualTo("The request does not have valid authentication credentials");
        assertThat(body.get("error").stringValue()).contains("Bearer");
    }

    @Test
    void errorAnsweredBeforeTheBodyArrivedSaysConnectionClose() throws Exception {
        // headers announce 100 kB, only 10 bytes follow: the server answers 401 at once and cannot reuse the connection
        RawHttp.Response r = RawHttp.exchange(server.port(), "POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\n0123456789");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("connection")).isEqualTo("close");
    }

    @Test
    void errorForASmallBodyThatArrivedWholeKeepsTheConnectionForTheNextRequest() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            String unauthorized = "POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello";
            String health = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            s.getOutputStream().write((unauthorized + health).getBytes(StandardCharsets.US_ASCII));
            StringBuilder both = new StringBuilder();
            byte[] buf = new byte[4096];
            for (int n; !both.toString().contains("{\"status\":\"ok\"}") && (n = s.getInputStream().read(buf)) > 0; )
                both.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            assertThat(both.toString()).startsWith("HTTP/1.1 401").contains("HTTP/1.1 200").contains("{\"status\":\"ok\"}");
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the second response never came on the kept-alive connection", e);
        }
    }

    @Test
    void requestWithWrongKeyGets401WithJsonErrorBody() throws Exception {
        HttpResponse<String> r = http.get("/v1/tts/voices", "Authorization", "Bearer " + TestServers.KEY + "x");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(Http.json(r).get("error").stringValue()).isEqualTo("Incorrect API key provided");
    }

    @Test
    void nonBearerAuthorizationSchemeGets401() throws Exception {
        HttpResponse<String> r = http.get("/v1/tts/voices", "Authorization", "Basic " + TestServers.KEY);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void requestWithConfiguredKeySucceeds() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/tts/voices");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void unknownRouteGets404JsonWithRequestId() throws Exception {
        HttpResponse<String> r = http.get("/v1/nope", "Authorization", "Bearer " + TestServers.KEY);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(Http.json(r).get("code").stringValue()).isEqualTo("Some requested entity was not found");
        assertThat(Http.json(r).get("error").stringValue()).contains("/v1/nope");
    }

    @Test
    void unknownRouteOutsideV1Gets404JsonWithoutAuth() throws Exception {
        HttpResponse<String> r = http.get("/favicon.ico");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Http.json(r).has("error")).isTrue();
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void saneClientRequestIdIsEchoed() throws Exception {
        HttpResponse<String> r = http.get("/health", "x-request-id", "client-id_42.a:b");
        assertThat(r.headers().firstValue("x-request-id")).hasValue("client-id_42.a:b");
    }

    @Test
    void insaneClientRequestIdIsReplaced() throws Exception {
        HttpResponse<String> r = http.get("/health", "x-request-id", "bad id with spaces <script>");
        assertThat(r.headers().firstValue("x-request-id")).hasValueSatisfying(v ->
                assertThat(v).doesNotContain(" ").matches("[0-9a-f-]{36}"));
    }

    @Test
    void wrongMethodGets405WithAllowHeaderAndJsonBody() throws Exception {
        HttpResponse<String> r = http.send("DELETE", "/v1/echo", "", "Authorization", "Bearer " + TestServers.KEY);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("POST, GET");
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(Http.json(r).get("error").stringValue()).contains("DELETE");
    }

    @Test
    void handlerExceptionGets500JsonWithoutTheExceptionText() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/boom");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        String requestId = r.headers().firstValue("x-request-id").orElseThrow();
        assertThat(r.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException")
                .doesNotContain("at dev.parley");
        assertThat(Http.json(r).get("error").stringValue()).contains(requestId);
    }

    @Test
    void apiExceptionGetsItsStatusAndMessage() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/teapot");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Http.json(r).get("error").stringValue()).isEqualTo("slow down");
        assertThat(Http.json(r).get("code").stringValue()).isEqualTo("Some resource has been exhausted");
    }

    @Test
    void handlersRunOnVirtualThreads() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/thread");
        assertThat(Http.json(r).get("virtual").booleanValue()).isTrue();
    }

    @Test
    void postOnAPathWithAWebSocketEndpointReachesTheHttpHandler() throws Exception {
        HttpResponse<String> r = http.send("POST", "/v1/echo", "hello", "Authorization", "Bearer " + TestServers.KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
    }

    static final String ECHO_HEAD = "POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServers.KEY
            + "\r\nContent-Type: text/plain\r\n";

    @Test
    void chunkSizeThatIsNotHexGets400NotA500() throws Exception {
        RawHttp.Response r = RawHttp.exchange(server.port(), ECHO_HEAD + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).get("code").stringValue()).isEqualTo("Client specified an invalid argument");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("EOF");
    }

    @Test
    void chunkLongerThanTheDataThenAHalfCloseGets400() throws Exception {
        RawHttp.Response r = RawHttp.exchange(server.port(), ECHO_HEAD + "Transfer-Encoding: chunked\r\n\r\n64\r\nhello", true);
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).get("error").stringValue()).doesNotContain("Exception").doesNotContain("EOF");
    }

    @Test
    void contentLengthLongerThanTheDataThenAHalfCloseGets400() throws Exception {
        RawHttp.Response r = RawHttp.exchange(server.port(), ECHO_HEAD + "Content-Length: 100\r\n\r\nhello", true);
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void upgradeWithoutSecWebSocketKeyGetsA400InTheXaiShape() throws Exception {
        RawHttp.Response r = RawHttp.upgradeWith(server.port(), "/v1/echo", "Authorization: Bearer " + TestServers.KEY,
                RawHttp.VERSION_LINE);
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).propertyNames()).containsExactlyInAnyOrder("code", "error");
        assertThat(Http.json(r.body()).get("error").stringValue()).contains("Sec-WebSocket-Key");
        assertThat(r.header("x-request-id")).isNotBlank();
    }

    @Test
    void upgradeWithAKeyThatIsNotSixteenBase64BytesGetsA400() throws Exception {
        RawHttp.Response r = RawHttp.upgradeWith(server.port(), "/v1/echo", "Authorization: Bearer " + TestServers.KEY,
                "Sec-WebSocket-Key: not-a-key", RawHttp.VERSION_LINE);
        assertThat(r.status()).isEqualTo(400);
        assertThat(Http.json(r.body()).get("error").stringValue()).contains("Sec-WebSocket-Key");
    }

    @Test
    void upgradeWithAnotherProtocolVersionGetsA400NamingVersion13() throws Exception {
        RawHttp.Response r = RawHttp.upgradeWith(server.port(), "/v1/echo", "Authorization: Bearer " + TestServers.KEY,
                RawHttp.KEY_LINE, "Sec-WebSocket-Version: 8");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("sec-websocket-version")).isEqualTo("13");
        assertThat(Http.json(r.body()).get("code").stringValue()).isEqualTo("Client specified an invalid argument");
    }

    @Test
    void upgradeWithoutAnyVersionGetsA400() throws Exception {
        RawHttp.Response r = RawHttp.upgradeWith(server.port(), "/v1/echo", "Authorization: Bearer " + TestServers.KEY,
                RawHttp.KEY_LINE);
        assertThat(r.status()).isEqualTo(400);
    }

    static final String VOICES_GET = "GET /v1/tts/voices HTTP/1.1\r\nHost: 127.0.0.1\r\n";

    @Test
    void twoAuthorizationHeadersGetA401AsAmbiguousCredentialsWhateverTheirOrderOnRequestsAndUpgrades()
            throws Exception {
        String valid = "Authorization: Bearer " + TestServers.KEY;
        String invalid = "Authorization: Bearer wrong-key";
        for (String[] headers : new String[][] {{valid, invalid}, {invalid, valid}, {valid, valid}}) {
            RawHttp.Response rest = RawHttp.exchange(server.port(), VOICES_GET + String.join("\r\n", headers) + "\r\n\r\n");
            RawHttp.Response upgrade = RawHttp.upgrade(server.port(), "/v1/echo", headers);
            for (RawHttp.Response r : List.of(rest, upgrade)) {
                assertThat(r.status()).as(String.join(" | ", headers)).isEqualTo(401);
                assertThat(r.header("www-authenticate")).isEqualTo("Bearer");
                assertThat(Http.json(r.body()).get("code").stringValue())
                        .isEqualTo("The request does not have valid authentication credentials");
                assertThat(Http.json(r.body()).get("error").stringValue()).startsWith("Ambiguous credentials")
                        .contains("Authorization");
            }
        }
    }

    @Test
    void twoCredentialSubprotocolsGetA401WhateverTheirOrder() throws Exception {
        String valid = "xai-client-secret." + TestServers.KEY;
        String invalid = "xai-client-secret.wrong-key";
        for (String[] offered : new String[][] {{valid + ", " + invalid}, {invalid + ", " + valid},
                {"Sec-WebSocket-Protocol: " + invalid, "Sec-WebSocket-Protocol: " + valid},
                {valid + ", openai-insecure-api-key." + TestServers.KEY}}) {
            String[] lines = offered.length == 1 ? new String[] {"Sec-WebSocket-Protocol: " + offered[0]} : offered;
            RawHttp.Response r = RawHttp.upgrade(server.port(), "/v1/echo", lines);
            assertThat(r.status()).as(String.join(" | ", lines)).isEqualTo(401);
            assertThat(Http.json(r.body()).get("error").stringValue()).startsWith("Ambiguous credentials")
                    .contains("Sec-WebSocket-Protocol");
        }
    }

    @Test
    void oneCredentialSubprotocolBesideOthersStillUpgrades() throws Exception {
        RawHttp.Response r = RawHttp.upgrade(server.port(), "/v1/echo",
                "Sec-WebSocket-Protocol: realtime, xai-client-secret." + TestServers.KEY);
        assertThat(r.status()).isEqualTo(101);
    }

    @Test
    void headOnAGetRouteAnswersLikeGetWithoutABody() throws Exception {
        for (String path : new String[] {"/health", "/v1/thread"}) {
            String headers = " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServers.KEY
                    + "\r\nConnection: close\r\n\r\n";
            RawHttp.Response get = RawHttp.exchange(server.port(), "GET " + path + headers);
            String head = RawHttp.exchangeWhole(server.port(), "HEAD " + path + headers);
            assertThat(head).as(path).startsWith("HTTP/1.1 200");
            assertThat(head).as(path).endsWith("\r\n\r\n"); // the head only: no body follows
            assertThat(head.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json")
                    .contains("content-length: " + get.header("content-length"));
        }
    }

    @Test
    void headOnAWebSocketOnlyRouteGets426LikeGet() throws Exception {
        String head = RawHttp.exchangeWhole(server.port(), "HEAD /v1/ws-only HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TestServers.KEY + "\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 426").endsWith("\r\n\r\n");
    }

    @Test
    void jettysOwnRefusalOfAMalformedRequestIsItsStatusNotA500AndKeepsItsTextToItself() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/jetty-refusal");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.json(r).get("code").stringValue()).isEqualTo("Client specified an invalid argument");
        assertThat(r.body()).doesNotContain("jetty's own text").doesNotContain("BadMessage");
    }

    @Test
    void headIsInTheAllowHeaderOfAGetRoute() throws Exception {
        HttpResponse<String> r = http.send("PUT", "/health", "");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        HttpResponse<String> r = http.send("POST", "/v1/echo", "x".repeat(2000), "Authorization", "Bearer " + TestServers.KEY);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(Http.json(r).has("error")).isTrue();
    }

    @Test
    void plainGetOnAWebSocketOnlyRouteGets426() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/ws-only");
        assertThat(r.statusCode()).isEqualTo(426);
        assertThat(r.headers().firstValue("upgrade")).hasValue("websocket");
        assertThat(Http.json(r).get("error").stringValue()).contains("WebSocket");
    }

    @Test
    void handlerComputingLongerThanTheConnectionIdleTimeoutStillAnswers() throws Exception {
        try (ParleyServer slow = ParleyServer.builder(TestServers.config()).engines(TestRuntime.get()).idleTimeout(java.time.Duration.ofMillis(200))
                .feature(ctx -> ctx.router().get("/v1/slow", ex -> {
                    Thread.sleep(700);
                    ex.json(200, Map.of("done", true));
                })).start()) {
            HttpResponse<String> r = new Http(slow.uri()).getWithKey("/v1/slow");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"done\":true}");
        }
    }

    @Test
    void pathTemplateParametersAreDecoded() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/items/a%20b");
        assertThat(Http.json(r).get("id").stringValue()).isEqualTo("a b");
    }

    @Test
    void exactRouteWinsOverTemplate() throws Exception {
        HttpResponse<String> r = http.getWithKey("/v1/items/special");
        assertThat(Http.json(r).get("id").stringValue()).isEqualTo("exact");
    }
}
