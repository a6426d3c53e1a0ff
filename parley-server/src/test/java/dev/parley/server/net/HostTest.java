package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Host} and {@link Target}: the strict reading of a URL's host, before anything is resolved. */
class HostTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0177.0.0.1",        // octal: 127.0.0.1 to curl and browsers, 177.0.0.1 to Java
            "0x7f.0.0.1", "0x7f.1", "0x7f000001", "0X7F000001",
            "2130706433",        // the integer form of 127.0.0.1
            "127.1", "127.0.1",  // shortened forms
            "127.000.000.001", "01.2.3.4", "1.2.3.04", "0.0.0.00",
            "017700000001",      // octal integer
            "256.1.1.1", "1.2.3.256", "1.2.3.4.5", "1.2.3",
            "127.0.0.1.",        // trailing dot on a literal
            "example.123", "host.0x1f", "host.0x", "localhost.0"})
    void ambiguousIpv4NotationsAreRefusedBeforeAnyResolution(String host) {
        assertThatThrownBy(() -> Host.parse(host)).isInstanceOf(OutboundException.class)
                .hasMessageContaining("not a canonical IPv4 address")
                .extracting(e -> ((OutboundException) e).reason()).isEqualTo(OutboundException.Reason.INVALID_URL);
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255", "8.8.8.8, 8.8.8.8",
            "10.0.0.1, 10.0.0.1"})
    void canonicalIpv4LiteralsAreLiterals(String host, String text) throws Exception {
        Host h = Host.parse(host);
        assertThat(h.isLiteral()).isTrue();
        assertThat(h.text()).isEqualTo(text);
        assertThat(h.address().getHostAddress()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
            "[::1], ::1", "::1, ::1", "[::], ::", "[::ffff:127.0.0.1], ::ffff:7f00:1", "[::127.0.0.1], ::7f00:1",
            "[64:ff9b::7f00:1], 64:ff9b::7f00:1", "[1:2:3:4:5:6:7:8], 1:2:3:4:5:6:7:8",
            "[1:2:3:4:5:6:1.2.3.4], 1:2:3:4:5:6:102:304", "[2001:DB8::0001], 2001:db8::1",
            "[1:2:3:4:5:6:7::], 1:2:3:4:5:6:7:0", "[::2:3:4:5:6:7:8], 0:2:3:4:5:6:7:8",
            "[fe80:0:0:0:0:0:0:1], fe80::1", "[1:0:0:2:0:0:0:3], 1:0:0:2::3"})
    void ipv6LiteralsWithOrWithoutBracketsAreParsed(String host, String canonical) throws Exception {
        Host h = Host.parse(host);
        assertThat(h.isLiteral()).isTrue();
        assertThat(h.text()).isEqualTo(canonical);
        assertThat(h.raw()).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[::1%25eth0]", "[fe80::1%eth0]", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[::ffff:0177.0.0.1]",
            "[::ffff:1.2.3]", "[12345::]", "[:1::]", "[1::2:]", "[1.2.3.4::]", "[1:2:3:4:5:6:7::8]", "[]", "[::1",
            "[g::1]", "[1:2:3:4:5:6:7]", "[::1.2.3.4:5]", ":::"})
    void malformedIpv6LiteralsAndZoneIdsAreRefused(String host) {
        assertThatThrownBy(() -> Host.parse(host)).isInstanceOf(OutboundException.class)
                .hasMessageContaining("IPv6");
    }

    @ParameterizedTest
    @CsvSource({
            "example.com, example.com", "EXAMPLE.com., example.com", "a-b.c, a-b.c",
            "xn--bcher-kva.example, xn--bcher-kva.example", "1.2.3.example, 1.2.3.example", "localhost, localhost"})
    void dnsNamesAreNamesInLowerCaseWithoutTheTrailingDot(String host, String name) throws Exception {
        Host h = Host.parse(host);
        assertThat(h.isLiteral()).isFalse();
        assertThat(h.address()).isNull();
        assertThat(h.text()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a.com", "a-.com", "a_b.com", "a..b", "exa mple.com", ".", "b\u00fccher.example",
            "a%2e.example", "host/x"})
    void anythingElseIsNotAHost(String host) {
        assertThatThrownBy(() -> Host.parse(host)).isInstanceOf(OutboundException.class)
                .hasMessageContaining("not a DNS name");
    }

    @Test
    void aLabelOfMoreThan63CharactersOrANameOfMoreThan253IsRefused() throws Exception {
        assertThatThrownBy(() -> Host.parse("a".repeat(64) + ".example")).isInstanceOf(OutboundException.class);
        assertThatThrownBy(() -> Host.parse(("a".repeat(60) + ".").repeat(5) + "example"))
                .isInstanceOf(OutboundException.class);
        assertThat(Host.parse("a".repeat(63) + ".example").text()).startsWith("aaa");
    }

    @Test
    void anErrorMessageShowsTheHostTruncatedAndPrintable() {
        assertThatThrownBy(() -> Host.parse("0" + "1".repeat(200))).hasMessageNotContaining("1".repeat(100));
    }

    // ------------------------------------------------------------------------------------------------ Target

    @ParameterizedTest
    @CsvSource({
            "http://example.com/a, http, example.com, 80", "https://example.com/a, https, example.com, 443",
            "HTTP://Example.COM:8080/, http, example.com, 8080", "http://[::1]:9/, http, ::1, 9",
            "http://127.0.0.1:1/x?y, http, 127.0.0.1, 1"})
    void aTargetIsSchemeHostAndPort(String url, String scheme, String host, int port) throws Exception {
        Target t = Target.of(URI.create(url));
        assertThat(t.scheme()).isEqualTo(scheme);
        assertThat(t.host().text()).isEqualTo(host);
        assertThat(t.port()).isEqualTo(port);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://example.com/a|only http and https", "file:///etc/passwd|only http and https",
            "mailto:a@example.com|only http and https", "http:///path|only http and https",
            "http://user:pw@example.com/|credentials", "http://evil.example@127.0.0.1/|credentials",
            "http://127.1:8080/|not a canonical IPv4", "http://0x7f.1/|not a canonical IPv4",
            "http://0177.0.0.1:80/|not a canonical IPv4", "http://2130706433/|not a canonical IPv4",
            "http://my_host.lan/|not a DNS name", "http://[::1]:0/|port", "http://[fe80::1%25eth0]/|IPv6"})
    void urlsThatAreNotFetchedAreRefusedNamingWhy(String url, String why) {
        assertThatThrownBy(() -> Target.of(URI.create(url))).isInstanceOf(OutboundException.class)
                .hasMessageContaining(why);
    }

    @Test
    void sameOriginComparesSchemeHostAndPort() throws Exception {
        Target a = Target.of(URI.create("http://example.com/a"));
        assertThat(a.sameOrigin(Target.of(URI.create("http://EXAMPLE.com:80/b")))).isTrue();
        assertThat(a.sameOrigin(Target.of(URI.create("https://example.com/a")))).isFalse();
        assertThat(a.sameOrigin(Target.of(URI.create("http://example.com:81/a")))).isFalse();
        assertThat(a.sameOrigin(Target.of(URI.create("http://other.example/a")))).isFalse();
    }
}
