package dev.parley.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.bench.ws.TestSocket;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.server.ParleyServer;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.realtime.mcp.ScriptedMcpServer;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.TestServers;
import dev.parley.server.voices.VoicesFeature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The voice agent's {@code mcp} tools under the outbound policy, over a real socket opened with an ephemeral client
 * secret (what a browser holds): by default an MCP server on the server's own host is refused with
 * {@code mcp_list_tools.failed} before anything is sent to it; {@code outbound.allow} admits it; a redirect to an
 * address the policy refuses is refused; an upstream's answer is never reflected into an event. Every upstream is a
 * local HTTP server on 127.0.0.1.
 */
class RealtimeMcpOutboundTest {
    static final Duration T = Duration.ofSeconds(30);
    static final String SECRET_BODY = "INTERNAL-ONLY secret-token=abc123";
    /** The default policy: public addresses only. */
    static ParleyServer strict;
    /** {@code outbound.allow: [127.0.0.1]}. */
    static ParleyServer allowing;
    /** An internal service: answers 403 with a secret, or 307 to {@link #location} on {@code /redirect}. */
    static HttpServer internal;
    static final AtomicInteger internalHits = new AtomicInteger();
    static volatile String location;

    @BeforeAll
    static void start() throws Exception {
        strict = server(Map.of());
        allowing = server(Map.of("outbound.allow", "127.0.0.1"));
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", ex -> {
            internalHits.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            if (ex.getRequestURI().getPath().equals("/redirect")) {
                ex.getResponseHeaders().add("Location", location);
                ex.sendResponseHeaders(307, -1);
            } else {
                byte[] b = SECRET_BODY.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(403, b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        internal.start();
    }

    static ParleyServer server(Map<String, String> flags) throws Exception {
        ParleyConfig config = WireFixtures.config(flags);
        return ParleyServer.builder(config).standardFeatures(false).engines(TestRuntime.get())
                .feature(new VoicesFeature()).feature(new RealtimeFeature(config.realtime())).start();
    }

    @AfterAll
    static void stop() {
        strict.close();
        allowing.close();
        internal.stop(0);
    }

    @BeforeEach
    void reset() {
        internalHits.set(0);
    }

    /** A session on {@code s} opened with a freshly minted client secret. */
    static TestSocket session(ParleyServer s) throws Exception {
        HttpResponse<String> minted = new Http(s.uri()).send("POST", "/v1/realtime/client_secrets", "{}",
                "Authorization", "Bearer " + TestServers.KEY, "Content-Type", "application/json");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        String secret = Http.json(minted).get("value").stringValue();
        TestSocket c = WireFixtures.connect(WireFixtures.wsUri(s, "model=grok-voice-latest"), secret, List.of());
        assertThat(c.await("session.created", T, null)).isNotNull();
        return c;
    }

    static String mcpTool(String label, String url) {
        return "{\"type\":\"mcp\",\"server_label\":\"" + label + "\",\"server_url\":\"" + url + "\","
                + "\"authorization\":\"tok-9\",\"headers\":{\"X-Team\":\"parley\"}}";
    }

    /** Sends a session.update with {@code tool}; returns every event up to the listing's outcome. */
    static List<TestSocket.Message> listing(TestSocket c, String tool) throws InterruptedException {
        c.send("{\"type\":\"session.update\",\"session\":{\"tools\":[" + tool + "]}}");
        List<TestSocket.Message> events = new ArrayList<>();
        while (true) {
            TestSocket.Message m = c.next(T);
            events.add(m);
            if (m.type().equals("mcp_list_tools.completed") || m.type().equals("mcp_list_tools.failed")) return events;
            assertThat(m.type()).as(m.text()).isNotEqualTo("error");
        }
    }

    /** The session goes on: another update is answered, and nothing else came meanwhile but what is returned. */
    static List<TestSocket.Message> stillUsable(TestSocket c) throws InterruptedException {
        c.send("{\"type\":\"session.update\",\"session\":{\"instructions\":\"still here\"}}");
        return c.until("session.updated", T);
    }

    /**
     * Lists the tools of the internal service ({@code /mcp}: 403 with a secret) in a session of {@code s}; checks that
     * the listing failed, that the session goes on and that no event carries the service's answer; returns the
     * failure's message.
     */
    static String failedListingOfTheInternalService(ParleyServer s) throws Exception {
        try (TestSocket c = session(s)) {
            List<TestSocket.Message> events = listing(c, mcpTool("internal",
                    "http://127.0.0.1:" + internal.getAddress().getPort() + "/mcp"));
            JsonNode failed = events.getLast().json();
            assertThat(failed.get("type").stringValue()).isEqualTo("mcp_list_tools.failed");
            assertThat(failed.at("/error/type").stringValue()).isEqualTo("mcp_list_tools_error");
            events.addAll(stillUsable(c));
            for (TestSocket.Message m : events) {
                assertThat(m.text()).doesNotContain("INTERNAL-ONLY").doesNotContain("secret-token");
            }
            return failed.at("/error/message").stringValue();
        }
    }

    @Test
    void byDefaultAnMcpServerOnTheServersOwnHostIsRefusedAndNothingIsSentToIt() throws Exception {
        assertThat(failedListingOfTheInternalService(strict))
                .contains("MCP server 'internal'").contains("a loopback address").contains("outbound.allow");
        assertThat(internalHits).hasValue(0);
    }

    @Test
    void byDefaultEvenARealMcpServerOnLoopbackIsRefusedInEveryNotation() throws Exception {
        try (ScriptedMcpServer mcp = new ScriptedMcpServer(); TestSocket c = session(strict)) {
            String port = mcp.url().replaceAll(".*:(\\d+)/mcp", "$1");
            for (String host : List.of("127.0.0.1", "[::ffff:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]",
                    "localhost")) {
                JsonNode failed = listing(c, mcpTool("calc", "http://" + host + ":" + port + "/mcp")).getLast().json();
                assertThat(failed.get("type").stringValue()).as(host).isEqualTo("mcp_list_tools.failed");
                assertThat(failed.at("/error/message").stringValue()).as(host).contains("a loopback address");
            }
            assertThat(mcp.received).isEmpty();
        }
    }

    @Test
    void anAmbiguousNotationIsAnErrorEventNamingTheToolsServerUrl() throws Exception {
        try (TestSocket c = session(strict)) {
            c.send("{\"type\":\"session.update\",\"session\":{\"tools\":[" + mcpTool("calc", "http://0177.0.0.1:1/mcp")
                    + "]}}");
            JsonNode e = c.await("error", T, null).json();
            assertThat(e.at("/error/param").stringValue()).isEqualTo("session.tools[0].server_url");
            assertThat(e.at("/error/message").stringValue()).contains("not a canonical IPv4 address");
            stillUsable(c);
        }
    }

    @Test
    void anMcpServerOnTheAllowListIsListedWithTheToolsHeaders() throws Exception {
        try (ScriptedMcpServer mcp = new ScriptedMcpServer(); TestSocket c = session(allowing)) {
            JsonNode done = listing(c, mcpTool("calc", mcp.url())).getLast().json();
            assertThat(done.get("type").stringValue()).isEqualTo("mcp_list_tools.completed");
            ScriptedMcpServer.Received list = mcp.calls("tools/list").getFirst();
            assertThat(list.authorization()).isEqualTo("Bearer tok-9");
            assertThat(list.headers().get("X-team")).containsExactly("parley"); // an allow-listed host gets them
        }
    }

    @Test
    void anAllowedMcpServersErrorAnswerIsReportedByItsStatusAlone() throws Exception {
        assertThat(failedListingOfTheInternalService(allowing)).contains("MCP server 'internal'").contains("HTTP 403");
        assertThat(internalHits).hasValue(1);
    }

    @Test
    void aRedirectFromAnAllowedMcpServerToARefusedAddressIsRefused() throws Exception {
        try (ScriptedMcpServer mcp = new ScriptedMcpServer(); TestSocket c = session(allowing)) {
            String port = mcp.url().replaceAll(".*:(\\d+)/mcp", "$1");
            List<String> targets = List.of("http://[::1]:" + port + "/mcp", "http://127.0.0.2:" + port + "/mcp",
                    "http://[::ffff:7f00:2]:" + port + "/mcp", "http://[64:ff9b::7f00:1]:" + port + "/mcp");
            for (int i = 0; i < targets.size(); i++) {
                String to = targets.get(i);
                location = to;
                List<TestSocket.Message> events = listing(c, mcpTool("moved" + i,
                        "http://127.0.0.1:" + internal.getAddress().getPort() + "/redirect"));
                JsonNode failed = events.getLast().json();
                assertThat(failed.get("type").stringValue()).as(to).isEqualTo("mcp_list_tools.failed");
                assertThat(failed.at("/error/message").stringValue()).as(to)
                        .contains("MCP server 'moved" + i + "'").contains("redirects to a loopback address");
            }
            assertThat(mcp.received).isEmpty();
        }
        assertThat(internalHits).hasValue(4);
    }
}
