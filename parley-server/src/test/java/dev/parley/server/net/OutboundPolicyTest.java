package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy as a function of addresses: a fake resolver maps names to addresses, and the policy says which of them
 * may be connected to. Nothing here opens a socket.
 */
class OutboundPolicyTest {
    final FakeResolver dns = new FakeResolver()
            .map("public.example", "93.184.216.34")
            .map("internal.example", "10.0.0.5")
            .map("rebind.example", "127.0.0.1")
            .map("metadata.example", "169.254.169.254")
            .map("mixed.example", "10.0.0.5", "93.184.216.34", "127.0.0.1", "2606:4700:4700::1111")
            .map("v6only.example", "fd00::1", "fe80::1")
            .map("mcp.lan", "192.168.1.10")
            .map("other.lan", "192.168.1.10");
    final OutboundPolicy strict = OutboundPolicy.strict().withResolver(dns);

    static OutboundException refusal(ThrowingCall call) {
        try {
            call.run();
        } catch (OutboundException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    interface ThrowingCall {
        void run() throws OutboundException;
    }

    @Test
    void aPublicLiteralIsConnectedToAsItIsWithoutAsking() throws Exception {
        assertThat(strict.resolve("93.184.216.34", 80)).containsExactly(new InetSocketAddress("93.184.216.34", 80));
        assertThat(strict.resolve("[2606:4700:4700::1111]", 443)).hasSize(1);
        assertThat(dns.asked).isEmpty();
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefusedNamingTheKindNotTheAddress() {
        OutboundException e = refusal(() -> strict.resolve("internal.example", 80));
        assertThat(e.reason()).isEqualTo(OutboundException.Reason.REFUSED_ADDRESS);
        assertThat(e.kind()).isEqualTo(AddressKind.PRIVATE);
        assertThat(e.getMessage()).contains("a private address").doesNotContain("10.0.0.5");
        assertThat(refusal(() -> strict.resolve("rebind.example", 80)).kind()).isEqualTo(AddressKind.LOOPBACK);
        assertThat(refusal(() -> strict.resolve("metadata.example", 80)).kind()).isEqualTo(AddressKind.LINK_LOCAL);
        assertThat(refusal(() -> strict.resolve("v6only.example", 80)).kind()).isEqualTo(AddressKind.PRIVATE);
    }

    @Test
    void aNameWithPublicAndPrivateAddressesIsOnlyEverConnectedToOnItsPublicOnes() throws Exception {
        List<InetSocketAddress> a = strict.resolve("mixed.example", 8080);
        assertThat(a).extracting(x -> x.getAddress().getHostAddress())
                .containsExactly("93.184.216.34", "2606:4700:4700:0:0:0:0:1111");
        assertThat(a).allMatch(x -> x.getPort() == 8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]",
            "[2002:7f00:1::]", "0.0.0.0", "[::]", "169.254.169.254", "[fe80::1]", "[fd00::1]", "224.0.0.1",
            "255.255.255.255", "100.64.0.1", "192.0.2.1", "[2001:db8::1]"})
    void loopbackAndEverySpecialLiteralIsRefusedWithoutAsking(String host) {
        assertThat(refusal(() -> strict.resolve(host, 80)).reason()).isEqualTo(OutboundException.Reason.REFUSED_ADDRESS);
        assertThat(dns.asked).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "2130706433", "127.1", "0x7f.1", "bad_name.example"})
    void ambiguousNotationsAreRefusedBeforeTheResolverIsAsked(String host) {
        assertThat(refusal(() -> strict.resolve(host, 80)).reason()).isEqualTo(OutboundException.Reason.INVALID_URL);
        assertThat(dns.asked).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveIsUnresolved() {
        assertThat(refusal(() -> strict.resolve("nowhere.example", 80)).reason())
                .isEqualTo(OutboundException.Reason.UNRESOLVED);
    }

    @Test
    void anAllowedBlockAdmitsItsAddressesAndNothingElse() throws Exception {
        OutboundPolicy p = OutboundPolicy.of(List.of("10.0.0.0/8", "::1"), false).withResolver(dns);
        assertThat(p.resolve("internal.example", 80)).hasSize(1);
        assertThat(p.resolve("10.1.2.3", 80)).hasSize(1);
        assertThat(p.resolve("[::1]", 80)).hasSize(1);
        assertThat(refusal(() -> p.resolve("127.0.0.1", 80)).kind()).isEqualTo(AddressKind.LOOPBACK);
        assertThat(refusal(() -> p.resolve("mcp.lan", 80)).kind()).isEqualTo(AddressKind.PRIVATE);
        // mixed: the allowed private one now joins the public ones, loopback stays out
        assertThat(p.resolve("mixed.example", 80)).extracting(x -> x.getAddress().getHostAddress())
                .containsExactly("10.0.0.5", "93.184.216.34", "2606:4700:4700:0:0:0:0:1111");
    }

    @Test
    void anAllowedNameIsAdmittedWithEveryAddressItResolvesToAndOnlyThatName() throws Exception {
        OutboundPolicy p = OutboundPolicy.of(List.of("MCP.lan."), false).withResolver(dns);
        assertThat(p.resolve("mcp.lan", 80)).extracting(x -> x.getAddress().getHostAddress())
                .containsExactly("192.168.1.10");
        assertThat(refusal(() -> p.resolve("other.lan", 80)).kind()).isEqualTo(AddressKind.PRIVATE);
        assertThat(refusal(() -> p.resolve("192.168.1.10", 80)).kind()).isEqualTo(AddressKind.PRIVATE);
    }

    @Test
    void theConnectTimeGateAdmitsWhatResolveAdmitsAndNothingElse() {
        OutboundPolicy p = OutboundPolicy.of(List.of("mcp.lan", "10.0.0.0/8"), false);
        assertThat(p.admits(new InetSocketAddress("93.184.216.34", 80), "public.example")).isTrue();
        assertThat(p.admits(new InetSocketAddress("192.168.1.10", 80), "mcp.lan")).isTrue();
        assertThat(p.admits(new InetSocketAddress("10.9.9.9", 80), "anything.example")).isTrue();
        assertThat(p.admits(new InetSocketAddress("192.168.1.10", 80), "other.lan")).isFalse();
        assertThat(p.admits(new InetSocketAddress("127.0.0.1", 80), "public.example")).isFalse();
        assertThat(p.admits(new InetSocketAddress("127.0.0.1", 80), null)).isFalse();
        assertThat(p.admits(InetSocketAddress.createUnresolved("mcp.lan", 80), "mcp.lan")).isFalse();
    }

    @Test
    void headersAreForwardedOnlyToAllowListedHostsUnlessForwardingIsOn() {
        OutboundPolicy p = OutboundPolicy.of(List.of("mcp.lan", "10.0.0.0/8"), false);
        assertThat(p.forwardsHeadersTo("public.example")).isFalse();
        assertThat(p.forwardsHeadersTo("93.184.216.34")).isFalse();
        assertThat(p.forwardsHeadersTo("mcp.lan")).isTrue();
        assertThat(p.forwardsHeadersTo("10.1.1.1")).isTrue();
        assertThat(p.forwardsHeadersTo("0177.0.0.1")).isFalse();
        assertThat(OutboundPolicy.strict().forwardsHeadersTo("mcp.lan")).isFalse();
        assertThat(OutboundPolicy.of(List.of(), true).forwardsHeadersTo("public.example")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0177.0.0.1", "10.0.0.0/33", "bad_name", "http://mcp.lan", "mcp.lan:8080", "127.1"})
    void allowEntriesThatAreNeitherBlocksNorNamesAreRefused(String entry) {
        assertThatThrownBy(() -> OutboundPolicy.checkAllowEntry(entry)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowEntriesMayBeBlocksAddressesOrNames() {
        for (String e : List.of("10.0.0.0/8", "127.0.0.1", "::1", "[::1]", "fd00::/8", "mcp.lan", "0.0.0.0/0", "::/0")) {
            OutboundPolicy.checkAllowEntry(e);
        }
    }
}
