package dev.parley.server.realtime.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.parley.server.net.FakeResolver;
import dev.parley.server.net.OutboundHttp;
import dev.parley.server.net.OutboundPolicy;
import dev.parley.server.testing.TestServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpClientTest {
    static McpClient client(ScriptedMcpServer s) {
        return new McpClient(TestServers.LOOPBACK_OUTBOUND, URI.create(s.url()), "tok-1", Map.of("X-Team", "parley"),
                Duration.ofSeconds(5));
    }

    /** A client of {@code url} without authorization or headers, under a policy that admits 127.0.0.1. */
    static McpClient client(String url, Duration timeout) {
        return new McpClient(TestServers.LOOPBACK_OUTBOUND, URI.create(url), null, null, timeout);
    }

    /** A server on 127.0.0.1 whose {@code /mcp} answers every request with {@code status} and {@code body}. */
    static HttpServer answering(int status, String contentType, String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/mcp", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", contentType);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        return s;
    }

    static String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/mcp";
    }

    @Test
    void initializeSendsTheProtocolVersionThenTheInitializedNotificationAndReusesTheSessionId() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            c.listTools();
            assertThat(s.received).extracting(ScriptedMcpServer.Received::method)
                    .containsExactly("initialize", "notifications/initialized", "tools/list");
            ScriptedMcpServer.Received init = s.received.getFirst();
            assertThat(init.params().get("protocolVersion").stringValue()).isEqualTo("2025-06-18");
            assertThat(init.params().at("/clientInfo/name").stringValue()).isEqualTo("parley");
            assertThat(init.sessionId()).isNull();
            assertThat(s.received.get(1).sessionId()).isEqualTo(ScriptedMcpServer.SESSION_ID);
            assertThat(s.received.get(2).sessionId()).isEqualTo(ScriptedMcpServer.SESSION_ID);
        }
    }

    @Test
    void authorizationIsSentAsABearerTokenWithTheConfiguredHeaders() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            c.listTools();
            for (ScriptedMcpServer.Received r : s.received) {
                assertThat(r.authorization()).isEqualTo("Bearer tok-1");
                assertThat(r.headers().get("X-team")).containsExactly("parley");
            }
            assertThat(s.received.getFirst().headers().get("Accept")).containsExactly("application/json, text/event-stream");
        }
    }

    @Test
    void listToolsReturnsNameDescriptionAndInputSchemaFromAJsonResponse() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            List<McpTool> tools = c.listTools();
            assertThat(tools).extracting(McpTool::name).containsExactly("add", "delete_everything");
            assertThat(tools.getFirst().description()).isEqualTo("Adds two numbers");
            assertThat(tools.getFirst().inputSchemaJson()).contains("\"required\":[\"a\",\"b\"]");
        }
    }

    @Test
    void aResponseCarriedInAnSseStreamIsFoundAmongNotificationsAndComments() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            s.sse = true;
            assertThat(c.listTools()).extracting(McpTool::name).containsExactly("add", "delete_everything");
            assertThat(c.callTool("add", "{\"a\":2,\"b\":3}")).isEqualTo("5");
        }
    }

    @Test
    void sseEventsJoinMultipleDataLinesAndIgnoreOtherFields() {
        assertThat(McpClient.events("event: message\ndata: {\"a\":\ndata: 1}\nid: 4\n\n: comment\n\ndata: x\r\n\r\n"))
                .containsExactly("{\"a\":\n1}", "x");
    }

    @Test
    void callToolSendsNameAndArgumentsAndReturnsTheTextContent() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            assertThat(c.callTool("add", "{\"a\":40,\"b\":2}")).isEqualTo("42");
            ScriptedMcpServer.Received call = s.calls("tools/call").getFirst();
            assertThat(call.params().get("name").stringValue()).isEqualTo("add");
            assertThat(call.params().get("arguments").toString()).isEqualTo("{\"a\":40,\"b\":2}");
        }
    }

    @Test
    void aSessionTheServerForgotIsInitializedAgainAndTheRequestRetriedOnce() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            c.listTools();
            s.expireOnce = true;
            assertThat(c.callTool("add", "{\"a\":1,\"b\":1}")).isEqualTo("2");
            assertThat(s.received).extracting(ScriptedMcpServer.Received::method).containsExactly("initialize",
                    "notifications/initialized", "tools/list", "tools/call", "initialize", "notifications/initialized",
                    "tools/call");
        }
    }

    @Test
    void aToolResultWithIsErrorBecomesAnExceptionCarryingItsText() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            assertThatThrownBy(() -> c.callTool("nope", "{}")).isInstanceOf(McpException.class).hasMessage("unknown tool");
        }
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreRefusedBeforeAnyRequest() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); McpClient c = client(s)) {
            c.listTools();
            int before = s.received.size();
            assertThatThrownBy(() -> c.callTool("add", "[1,2]")).isInstanceOf(McpException.class)
                    .hasMessageContaining("JSON object");
            assertThat(s.received).hasSize(before);
        }
    }

    @Test
    void anUnreachableServerFailsWithAClearException() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (McpClient c = client("http://127.0.0.1:" + port + "/mcp", Duration.ofSeconds(2))) {
            assertThatThrownBy(c::listTools).isInstanceOf(McpException.class).hasMessageContaining("unreachable");
        }
    }

    @Test
    void aServerThatNeverFinishesItsAnswerTimesOut() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/mcp", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write(": open\n\n".getBytes());
            ex.getResponseBody().flush();
            try {
                Thread.sleep(5000);
            } catch (InterruptedException ignored) {
                // stopped
            }
            ex.close();
        });
        slow.start();
        try (McpClient c = client(url(slow), Duration.ofMillis(500))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(c::listTools).isInstanceOf(McpException.class).hasMessageContaining("within 500 ms");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void aJsonRpcErrorBecomesAnExceptionNamingTheMethod() throws Exception {
        HttpServer s = answering(200, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"bad version\"}}");
        try (McpClient c = client(url(s), Duration.ofSeconds(2))) {
            assertThatThrownBy(c::initialize).isInstanceOf(McpException.class)
                    .hasMessageContaining("initialize").hasMessageContaining("bad version");
        } finally {
            s.stop(0);
        }
    }

    @Test
    void aNon2xxAnswerOrOneThatIsNotJsonIsReportedWithoutItsBody() throws Exception {
        HttpServer forbidden = answering(403, "text/plain", "INTERNAL-ONLY secret-token=abc");
        HttpServer html = answering(200, "text/html", "<html>INTERNAL-ONLY secret-token=abc</html>");
        try (McpClient a = client(url(forbidden), Duration.ofSeconds(2));
                McpClient b = client(url(html), Duration.ofSeconds(2))) {
            assertThatThrownBy(a::listTools).isInstanceOf(McpException.class)
                    .hasMessageEndingWith("answered initialize with HTTP 403").hasMessageNotContaining("INTERNAL");
            assertThatThrownBy(b::listTools).isInstanceOf(McpException.class)
                    .hasMessageContaining("invalid JSON").hasMessageNotContaining("INTERNAL");
        } finally {
            forbidden.stop(0);
            html.stop(0);
        }
    }

    @Test
    void underTheStrictPolicyALoopbackServerIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedMcpServer s = new ScriptedMcpServer(); OutboundHttp strict = OutboundHttp.create(OutboundPolicy.strict());
                McpClient c = new McpClient(strict, URI.create(s.url()), "tok-1", null, Duration.ofSeconds(2))) {
            assertThatThrownBy(c::listTools).isInstanceOf(McpException.class)
                    .hasMessageContaining("leads to a loopback address").hasMessageContaining("outbound.allow");
            assertThat(s.received).isEmpty();
        }
    }

    @Test
    void theToolsHeadersGoOnlyToAllowListedHostsUnlessForwardingIsOnAndTheAuthorizationAlways() throws Exception {
        // mcp.test resolves to 127.0.0.1, which the allow-list admits by address; the name itself is not listed
        FakeResolver dns = new FakeResolver().map("mcp.test", "127.0.0.1");
        Map<String, String> headers = Map.of("X-Team", "parley", "Host", "internal.example", "Cookie", "a=b");
        for (boolean forward : new boolean[] {false, true}) {
            OutboundPolicy policy = OutboundPolicy.of(List.of("127.0.0.1"), forward).withResolver(dns);
            try (ScriptedMcpServer s = new ScriptedMcpServer(); OutboundHttp http = OutboundHttp.create(policy);
                    McpClient c = new McpClient(http, URI.create(s.url().replace("127.0.0.1", "mcp.test")), "tok-1",
                            headers, Duration.ofSeconds(5))) {
                c.listTools();
                for (ScriptedMcpServer.Received r : s.received) {
                    assertThat(r.authorization()).isEqualTo("Bearer tok-1");
                    assertThat(r.headers().get("X-team")).as("forward_headers " + forward)
                            .isEqualTo(forward ? List.of("parley") : null);
                    assertThat(r.headers().get("Host")).containsExactly("mcp.test:" + URI.create(s.url()).getPort());
                    assertThat(r.headers()).doesNotContainKey("Cookie");
                }
            }
        }
    }

    @Test
    void aNonHttpUrlIsRefused() {
        assertThatThrownBy(() -> client("file:///etc/passwd", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
    }
}
