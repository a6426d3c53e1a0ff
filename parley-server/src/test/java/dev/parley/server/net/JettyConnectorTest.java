package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production client ({@link OutboundHttp#create}, Jetty underneath) against a local HTTP server on 127.0.0.1:
 * what it connects to and what it refuses. Every socket here is a loopback one; "public" names map to 127.0.0.1
 * only where the test shows that the connect-time gate refuses them anyway.
 */
class JettyConnectorTest {
    HttpServer upstream;
    final AtomicInteger hits = new AtomicInteger();
    volatile String location; // where /redirect points
    int port;

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            hits.incrementAndGet();
            if (ex.getRequestURI().getPath().equals("/redirect")) {
                ex.getResponseHeaders().add("Location", location);
                ex.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "INTERNAL-ONLY secret-token=abc".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        upstream.start();
        port = upstream.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    static OutboundException failure(OutboundHttp http, String url) {
        try {
            http.send(OutboundRequest.get(URI.create(url), Duration.ofSeconds(10))).close();
        } catch (OutboundException e) {
            return e;
        }
        throw new AssertionError("no failure for " + url);
    }

    static String fetch(OutboundHttp http, String url) throws IOException {
        try (OutboundResponse r = http.send(OutboundRequest.get(URI.create(url), Duration.ofSeconds(10)))) {
            assertThat(r.status()).isEqualTo(200);
            return new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void byDefaultALoopbackServerIsNeverConnectedTo() {
        try (OutboundHttp http = OutboundHttp.create(OutboundPolicy.strict())) {
            for (String host : List.of("127.0.0.1", "[::ffff:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]")) {
                OutboundException e = failure(http, "http://" + host + ":" + port + "/");
                assertThat(e.reason()).as(host).isEqualTo(OutboundException.Reason.REFUSED_ADDRESS);
                assertThat(e.kind()).as(host).isEqualTo(AddressKind.LOOPBACK);
                assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("127.0.0.1");
            }
            assertThat(failure(http, "http://0177.0.0.1:" + port + "/").reason())
                    .isEqualTo(OutboundException.Reason.INVALID_URL);
        }
        assertThat(hits).hasValue(0);
    }

    @Test
    void anAllowListedAddressIsFetched() throws Exception {
        try (OutboundHttp http = OutboundHttp.create(OutboundPolicy.of(List.of("127.0.0.1"), false))) {
            assertThat(fetch(http, "http://127.0.0.1:" + port + "/a")).contains("INTERNAL-ONLY");
        }
        assertThat(hits).hasValue(1);
    }

    @Test
    void anAllowListedNameIsConnectedToOnTheAddressItResolvesTo() throws Exception {
        FakeResolver dns = new FakeResolver().map("mcp.test", "127.0.0.1").map("other.test", "127.0.0.1");
        OutboundPolicy policy = OutboundPolicy.of(List.of("mcp.test"), false).withResolver(dns);
        try (OutboundHttp http = OutboundHttp.create(policy)) {
            assertThat(fetch(http, "http://mcp.test:" + port + "/a")).contains("INTERNAL-ONLY");
            assertThat(failure(http, "http://other.test:" + port + "/a").kind()).isEqualTo(AddressKind.LOOPBACK);
        }
        assertThat(hits).hasValue(1);
    }

    @Test
    void aRedirectFromAnAllowedHostToARefusedOneIsRefusedBeforeConnecting() {
        try (OutboundHttp http = OutboundHttp.create(OutboundPolicy.of(List.of("127.0.0.1"), false))) {
            for (String to : List.of("http://[::1]:" + port + "/x", "http://127.0.0.2:" + port + "/x",
                    "http://[::ffff:7f00:2]:" + port + "/x")) {
                location = to;
                OutboundException e = failure(http, "http://127.0.0.1:" + port + "/redirect");
                assertThat(e.reason()).as(to).isEqualTo(OutboundException.Reason.REFUSED_ADDRESS);
                assertThat(e.redirected()).isTrue();
                assertThat(e.getMessage()).startsWith("redirects to a loopback address");
            }
            location = "http://0177.0.0.1:" + port + "/";
            OutboundException bad = failure(http, "http://127.0.0.1:" + port + "/redirect");
            assertThat(bad.reason()).isEqualTo(OutboundException.Reason.BAD_REDIRECT);
        }
        assertThat(hits).hasValue(4); // the first hops alone
    }

    @Test
    void theConnectTimeGateRefusesAnAddressThePolicyDidNotAdmitEvenIfTheResolverReturnedIt() {
        OutboundPolicy strict = OutboundPolicy.strict();
        // a resolver that bypasses the policy, as a second lookup after the check would (DNS rebinding)
        SocketAddressResolver rebinding = (host, p, context, promise) -> {
            try {
                promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), p)));
            } catch (IOException e) {
                promise.failed(e);
            }
        };
        try (OutboundHttp http = new OutboundHttp(strict, new JettyConnector(strict, rebinding))) {
            OutboundException e = failure(http, "http://public.example:" + port + "/a");
            assertThat(e.reason()).isEqualTo(OutboundException.Reason.REFUSED_ADDRESS);
            assertThat(e.kind()).isEqualTo(AddressKind.LOOPBACK);
        }
        assertThat(hits).hasValue(0);
    }

    @Test
    void aClosedClientRefusesNewRequests() {
        OutboundHttp http = OutboundHttp.create(OutboundPolicy.of(List.of("127.0.0.1"), false));
        http.close();
        assertThat(failure(http, "http://127.0.0.1:" + port + "/a").reason())
                .isEqualTo(OutboundException.Reason.CANCELLED);
        assertThat(hits).hasValue(0);
    }
}
