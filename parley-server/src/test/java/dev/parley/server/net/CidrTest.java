package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByAddress(Host.literal(literal));
    }

    @Test
    void aBlockContainsItsAddressesAndNothingElse() throws Exception {
        Cidr c = Cidr.parse("10.0.0.0/8");
        assertThat(c.contains(ip("10.0.0.0"))).isTrue();
        assertThat(c.contains(ip("10.255.255.255"))).isTrue();
        assertThat(c.contains(ip("11.0.0.0"))).isFalse();
        assertThat(c.contains(ip("9.255.255.255"))).isFalse();
        assertThat(c.contains(ip("::a00:1"))).isFalse();
        assertThat(c.first().getHostAddress()).isEqualTo("10.0.0.0");
        assertThat(c.last().getHostAddress()).isEqualTo("10.255.255.255");
    }

    @Test
    void aBareAddressIsABlockOfOne() throws Exception {
        Cidr c = Cidr.parse("127.0.0.1");
        assertThat(c.prefix()).isEqualTo(32);
        assertThat(c.contains(ip("127.0.0.1"))).isTrue();
        assertThat(c.contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("::1").prefix()).isEqualTo(128);
        assertThat(Cidr.parse("[::1]").contains(ip("::1"))).isTrue();
    }

    @Test
    void ipv4AndItsMappedIpv6FormAreOneAddress() throws Exception {
        assertThat(Cidr.parse("127.0.0.1/32").contains(Host.literal("::ffff:127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("::ffff:0:0/96").contains(ip("1.2.3.4"))).isTrue();
        // the other IPv6 forms that carry an IPv4 address are other addresses
        assertThat(Cidr.parse("127.0.0.1/32").contains(Host.literal("::127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1/32").contains(Host.literal("64:ff9b::7f00:1"))).isFalse();
    }

    @Test
    void hostBitsAreClearedAndOddPrefixesWork() throws Exception {
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        Cidr c = Cidr.parse("172.16.0.0/12");
        assertThat(c.last().getHostAddress()).isEqualTo("172.31.255.255");
        assertThat(Cidr.parse("fc00::/7").last()).isEqualTo(ip("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/08", "10.0.0.0/", "10.0.0.0/-1",
            "mcp.lan/24", "127.1", "", "1.2.3.4/8/8"})
    void malformedBlocksAreRefused(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
