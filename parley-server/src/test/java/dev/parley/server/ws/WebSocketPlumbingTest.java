package dev.parley.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.auth.Principal;
import dev.parley.server.http.ApiException;
import dev.parley.server.testing.EchoEndpoint;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebSocketPlumbingTest {
    static final AtomicReference<WsHandshake> lastHandshake = new AtomicReference<>();
    static ParleyServer server;
    static URI ws;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(ctx -> ctx.router()
                .websocket("/v1/echo", hs -> {
                    if ("bad".equals(hs.query("voice"))) throw ApiException.badRequest("Invalid voice: bad");
                    if ("missing".equals(hs.query("voice"))) throw ApiException.notFound("Voice 'missing' not found");
                    lastHandshake.set(hs);
                    return new EchoEndpoint();
                }, "realtime")
                .websocket("/v1/rooms/{room}", hs -> {
                    lastHandshake.set(hs);
                    return new EchoEndpoint();
                }));
        ws = URI.create("ws://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestSocket connect(String path, String bearer, String... subprotocols) {
        return TestSocket.to(ws.resolve(path)).bearer(bearer).subprotocols(subprotocols).connect();
    }

    @Test
    void bearerHeaderAuthenticatesTheUpgradeAndTheEndpointEchoes() throws Exception {
        TestSocket socket = connect("/v1/echo", TestServers.KEY);
        socket.send("ping");
        assertThat(socket.next(Duration.ofSeconds(10)).text()).isEqualTo("ping");
        assertThat(socket.subprotocol()).isEmpty();
        socket.close(1000, "bye");
    }

    @Test
    void xaiClientSecretSubprotocolAuthenticatesAndIsEchoed() throws Exception {
        TestSocket socket = connect("/v1/echo", null, "xai-client-secret." + TestServers.KEY);
        assertThat(socket.subprotocol()).isEqualTo("xai-client-secret." + TestServers.KEY);
        assertThat(lastHandshake.get().principal().kind()).isEqualTo(Principal.Kind.API_KEY);
        socket.close(1000, "bye");
    }

    @Test
    void credentialSubprotocolIsEchoedEvenWhenOfferedAfterAnotherOne() throws Exception {
        RawHttp.Response r = RawHttp.upgrade(server.port(), "/v1/echo",
                "Sec-WebSocket-Protocol: realtime, xai-client-secret." + TestServers.KEY);
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.header("sec-websocket-protocol")).isEqualTo("xai-client-secret." + TestServers.KEY);
        assertThat(r.header("x-request-id")).isNotBlank();
    }

    @Test
    void endpointSpecificSubprotocolIsEchoedWhenNoCredentialSubprotocolIsOffered() throws Exception {
        TestSocket socket = connect("/v1/echo", TestServers.KEY, "realtime");
        assertThat(socket.subprotocol()).isEqualTo("realtime");
        socket.close(1000, "bye");
    }

    @Test
    void upgradeWithoutCredentialsGets401JsonBeforeUpgrade() throws Exception {
        RawHttp.Response r = RawHttp.upgrade(server.port(), "/v1/echo");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.header("x-request-id")).isNotBlank();
        assertThat(r.header("sec-websocket-accept")).isNull();
        assertThat(Http.json(r.body()).get("code").stringValue())
                .isEqualTo("The request does not have valid authentication credentials");
    }

    @Test
    void upgradeWithWrongKeyInSubprotocolGets401JsonBeforeUpgrade() throws Exception {
        RawHttp.Response r = RawHttp.upgrade(server.port(), "/v1/echo", "Sec-WebSocket-Protocol: xai-client-secret.wrong-key-000");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"Incorrect API key provided\"");
        assertThat(r.header("sec-websocket-protocol")).isNull();
    }

    @Test
    void endpointValidationFailureGetsItsStatusAndJsonBodyBeforeUpgrade() throws Exception {
        RawHttp.Response bad = RawHttp.upgrade(server.port(), "/v1/echo?voice=bad", "Authorization: Bearer " + TestServers.KEY);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"code\":\"Client specified an invalid argument\",\"error\":\"Invalid voice: bad\"}");
        RawHttp.Response missing = RawHttp.upgrade(server.port(), "/v1/echo?voice=missing", "Authorization: Bearer " + TestServers.KEY);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("x-request-id")).isNotBlank();
    }

    @Test
    void handshakeCarriesQueryPathParamsAndRequestId() throws Exception {
        RawHttp.Response r = RawHttp.upgrade(server.port(), "/v1/rooms/blue?codec=pcm&keyterm=a&keyterm=b",
                "Authorization: Bearer " + TestServers.KEY, "x-request-id: rid-123");
        assertThat(r.status()).isEqualTo(101);
        WsHandshake hs = lastHandshake.get();
        assertThat(hs.route()).isEqualTo("/v1/rooms/{room}");
        assertThat(hs.pathParams()).containsEntry("room", "blue");
        assertThat(hs.query("codec")).isEqualTo("pcm");
        assertThat(hs.query().get("keyterm")).containsExactly("a", "b");
        assertThat(hs.requestId()).isEqualTo("rid-123");
        assertThat(hs.header("AUTHORIZATION")).startsWith("Bearer ");
        assertThat(r.header("x-request-id")).isEqualTo("rid-123");
    }

    @Test
    void openSessionsAreCountedPerEndpointAndExportedAsAGauge() throws Exception {
        TestSocket a = connect("/v1/rooms/one", TestServers.KEY);
        TestSocket b = connect("/v1/rooms/two", TestServers.KEY);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.webSockets().count("/v1/rooms/{room}") == 2);
        String metrics = new Http(server.uri()).get("/metrics").body();
        assertThat(metrics).contains("parley_websocket_sessions_active{endpoint=\"/v1/rooms/{room}\"} 2.0");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/v1/rooms/\\{room}\",status=\"101\"}");
        a.close(1000, "bye");
        b.close(1000, "bye");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.webSockets().count("/v1/rooms/{room}") == 0);
    }
}
