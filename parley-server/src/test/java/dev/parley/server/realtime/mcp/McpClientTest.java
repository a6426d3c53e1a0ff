package dev.parley.server.realtime.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpClientTest {
    static McpClient client(ScriptedMcpServer s) {
        return new McpClient(URI.create(s.url()), "tok-1", Map.of("X-Team", "parley"), Duration.ofSeconds(5));
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
        try (McpClient c = new McpClient(URI.create("http://127.0.0.1:" + port + "/mcp"), null, null, Duration.ofSeconds(2))) {
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
        try (McpClient c = new McpClient(URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/mcp"), null, null,
                Duration.ofMillis(500))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(c::listTools).isInstanceOf(McpException.class).hasMessageContaining("within 500 ms");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void aJsonRpcErrorBecomesAnExceptionNamingTheMethod() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/mcp", ex -> {
            byte[] b = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"bad version\"}}".getBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        try (McpClient c = new McpClient(URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/mcp"), null, null,
                Duration.ofSeconds(2))) {
            assertThatThrownBy(c::initialize).isInstanceOf(McpException.class)
                    .hasMessageContaining("initialize").hasMessageContaining("bad version");
        } finally {
            s.stop(0);
        }
    }

    @Test
    void aNonHttpUrlIsRefused() {
        assertThatThrownBy(() -> new McpClient(URI.create("file:///etc/passwd"), null, null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
    }
}
