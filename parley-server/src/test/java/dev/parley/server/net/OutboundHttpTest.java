package dev.parley.server.net;

import static dev.parley.server.net.RecordingConnector.answer;
import static dev.parley.server.net.RecordingConnector.redirect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client's redirect and header rules with the injected resolver and a recording connector: no socket is opened,
 * the "public" addresses are only classified.
 */
class OutboundHttpTest {
    final FakeResolver dns = new FakeResolver()
            .map("files.example", "93.184.216.34")
            .map("cdn.example", "93.184.216.35")
            .map("internal.example", "10.0.0.5")
            .map("rebind.example", "127.0.0.1")
            .map("mixed.example", "192.168.0.7", "93.184.216.36");
    final OutboundPolicy policy = OutboundPolicy.strict().withResolver(dns);
    final RecordingConnector connector = new RecordingConnector(policy);
    final OutboundHttp http = new OutboundHttp(policy, connector);

    static OutboundException failure(OutboundHttp http, OutboundRequest r) {
        try {
            http.send(r).close();
        } catch (OutboundException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    static OutboundRequest get(String url) {
        return OutboundRequest.get(URI.create(url), Duration.ofSeconds(5));
    }

    @Test
    void aRedirectToAPrivateLiteralIsRefusedAndNeverConnectedTo() {
        connector.on("files.example:80", h -> redirect(302, "http://10.0.0.5/secret"));
        OutboundException e = failure(http, get("http://files.example/a.wav"));
        assertThat(e.reason()).isEqualTo(OutboundException.Reason.REFUSED_ADDRESS);
        assertThat(e.kind()).isEqualTo(AddressKind.PRIVATE);
        assertThat(e.redirected()).isTrue();
        assertThat(e.getMessage()).startsWith("redirects to a private address").doesNotContain("10.0.0.5");
        assertThat(connector.hosts()).containsExactly("files.example");
    }

    @Test
    void aRedirectToANameThatResolvesPrivatelyIsRefused() {
        connector.on("files.example:80", h -> redirect(301, "http://rebind.example:8080/x"));
        OutboundException e = failure(http, get("http://files.example/a.wav"));
        assertThat(e.kind()).isEqualTo(AddressKind.LOOPBACK);
        assertThat(e.redirected()).isTrue();
        assertThat(connector.hosts()).containsExactly("files.example");
        assertThat(dns.asked).containsExactly("files.example", "rebind.example");
    }

    @Test
    void aRedirectToAnAmbiguousNotationIsNotFollowed() {
        connector.on("files.example:80", h -> redirect(302, "http://0177.0.0.1/x"));
        OutboundException e = failure(http, get("http://files.example/a.wav"));
        assertThat(e.reason()).isEqualTo(OutboundException.Reason.BAD_REDIRECT);
        assertThat(connector.hosts()).containsExactly("files.example");
    }

    @Test
    void aNameWithAPrivateAndAPublicAddressIsConnectedToOnThePublicOneAlone() throws Exception {
        try (OutboundResponse r = http.send(get("http://mixed.example/a"))) {
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(connector.connections.getFirst().addresses()).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("93.184.216.36");
    }

    @Test
    void anInvalidUrlIsRefusedBeforeAnythingIsResolved() {
        for (String url : List.of("http://0177.0.0.1/", "http://2130706433/", "http://127.1/", "ftp://files.example/",
                "http://u:p@files.example/")) {
            assertThat(failure(http, get(url)).reason()).as(url).isEqualTo(OutboundException.Reason.INVALID_URL);
        }
        assertThat(connector.connections).isEmpty();
        assertThat(dns.asked).isEmpty();
    }

    @Test
    void theCallersHeadersAreDroppedWhenARedirectChangesOriginAndKeptWhenItDoesNot() throws Exception {
        connector.on("files.example:80", h -> h.uri().getPath().equals("/a")
                ? redirect(302, "/b") : redirect(307, "https://cdn.example/c"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer secret");
        headers.put("X-Team", "parley");
        headers.put("Accept", "audio/*");
        try (OutboundResponse r = http.send(new OutboundRequest("GET", URI.create("http://files.example/a"), headers,
                null, Duration.ofSeconds(5)))) {
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(connector.hosts()).containsExactly("files.example", "files.example", "cdn.example");
        assertThat(connector.connections.get(1).hop().headers()).containsOnlyKeys("Authorization", "X-Team", "Accept");
        assertThat(connector.connections.get(2).hop().headers()).containsOnlyKeys("Accept");
        assertThat(connector.connections.get(2).hop().uri()).isEqualTo(URI.create("https://cdn.example/c"));
    }

    @Test
    void restrictedHeadersAreNeverSent() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : List.of("Host", "Content-Length", "Connection", "Cookie", "Transfer-Encoding", "X-Forwarded-For",
                "X-Forwarded-Host", "Forwarded", "Proxy-Authorization", "Upgrade", "TE", "Keep-Alive", "X-Real-IP")) {
            headers.put(h, "x");
        }
        headers.put("X-Team", "parley");
        http.send(new OutboundRequest("GET", URI.create("http://files.example/a"), headers, null,
                Duration.ofSeconds(5))).close();
        assertThat(connector.connections.getFirst().hop().headers()).containsOnlyKeys("X-Team");
        assertThat(OutboundHttp.isRestricted("x-forwarded-proto")).isTrue();
        assertThat(OutboundHttp.isRestricted("Authorization")).isFalse();
    }

    @Test
    void aHeaderThatWouldSplitTheRequestOrIsNotATokenIsRefusedWithoutEchoingItsValue() {
        for (Map<String, String> bad : List.of(Map.of("X-A", "1\r\nX-Injected: 2"), Map.of("X-A", "1\nX-Injected: 2"),
                Map.of("X-A", "\u0000"), Map.of("X A", "1"), Map.of("X-A:", "1"), Map.of("", "1"))) {
            assertThatThrownBy(() -> new OutboundRequest("GET", URI.create("http://files.example/"), bad, null,
                    Duration.ofSeconds(1))).as(bad.toString()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("Injected");
        }
        assertThat(new OutboundRequest("GET", URI.create("http://files.example/"), Map.of("X-A", "a\tb \u00e9"), null,
                Duration.ofSeconds(1)).headers()).containsKey("X-A");
    }

    @Test
    void atMostFiveRedirectsAreFollowed() {
        connector.on("files.example:80", h -> redirect(302, "/again"));
        OutboundException e = failure(http, get("http://files.example/a"));
        assertThat(e.reason()).isEqualTo(OutboundException.Reason.TOO_MANY_REDIRECTS);
        assertThat(e.getMessage()).contains("more than 5 redirects");
        assertThat(connector.connections).hasSize(OutboundHttp.MAX_REDIRECTS + 1);
    }

    @Test
    void aRedirectFromHttpsToHttpOrToAnotherSchemeIsNotFollowed() {
        connector.on("files.example:443", h -> redirect(302, "http://files.example/a"));
        assertThat(failure(http, get("https://files.example/a")).reason())
                .isEqualTo(OutboundException.Reason.BAD_REDIRECT);
        connector.on("cdn.example:80", h -> redirect(302, "file:///etc/passwd"));
        assertThat(failure(http, get("http://cdn.example/a")).reason()).isEqualTo(OutboundException.Reason.BAD_REDIRECT);
        assertThat(connector.hosts()).containsExactly("files.example", "cdn.example");
    }

    @Test
    void see303TurnsAPostIntoAGetWithoutBodyAnd307KeepsBoth() throws Exception {
        connector.on("files.example:80", h -> h.uri().getPath().equals("/post") ? redirect(303, "/result")
                : h.uri().getPath().equals("/keep") ? redirect(307, "/kept") : answer(200, "ok"));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "application/json");
        http.send(new OutboundRequest("POST", URI.create("http://files.example/post"), headers, body,
                Duration.ofSeconds(5))).close();
        Connector.Hop second = connector.connections.get(1).hop();
        assertThat(second.method()).isEqualTo("GET");
        assertThat(second.body()).isNull();
        assertThat(second.headers()).doesNotContainKey("Content-Type");
        http.send(new OutboundRequest("POST", URI.create("http://files.example/keep"), headers, body,
                Duration.ofSeconds(5))).close();
        Connector.Hop kept = connector.connections.get(3).hop();
        assertThat(kept.method()).isEqualTo("POST");
        assertThat(kept.body()).isEqualTo(body);
        assertThat(kept.headers()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void aRedirectWithoutLocationAndAnErrorStatusAreFinalResponses() throws Exception {
        connector.on("files.example:80", h -> h.uri().getPath().equals("/nowhere")
                ? new OutboundResponse(302, Map.of(), new java.io.ByteArrayInputStream(new byte[0]))
                : answer(403, "INTERNAL-ONLY secret-token=abc"));
        try (OutboundResponse r = http.send(get("http://files.example/nowhere"))) {
            assertThat(r.status()).isEqualTo(302);
        }
        try (OutboundResponse r = http.send(get("http://files.example/forbidden"))) {
            assertThat(r.status()).isEqualTo(403); // the body is there to read; callers report the status alone
        }
    }
}
