package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SpecialAddresses} over every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries (and the
 * additions its javadoc names): the first and last address of each and the addresses just outside it, written out
 * by hand; the embedded-IPv4 forms; and a check that the tables' blocks are where their names say.
 */
class SpecialAddressesTest {
    /** The classification of a literal from its raw bytes (an IPv4-mapped address stays 16 bytes here). */
    static String kind(String literal) {
        byte[] raw = Host.literal(literal);
        assertThat(raw).as(literal).isNotNull();
        AddressKind k = SpecialAddresses.classify(raw);
        return k == null ? "PUBLIC" : k.name();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // 0.0.0.0/8 "this network" and 0.0.0.0/32
            "0.0.0.0, UNSPECIFIED", "0.0.0.1, UNSPECIFIED", "0.255.255.255, UNSPECIFIED", "1.0.0.0, PUBLIC",
            // 10.0.0.0/8
            "9.255.255.255, PUBLIC", "10.0.0.0, PRIVATE", "10.255.255.255, PRIVATE", "11.0.0.0, PUBLIC",
            // 100.64.0.0/10
            "100.63.255.255, PUBLIC", "100.64.0.0, SHARED", "100.127.255.255, SHARED", "100.128.0.0, PUBLIC",
            // 127.0.0.0/8
            "126.255.255.255, PUBLIC", "127.0.0.0, LOOPBACK", "127.0.0.1, LOOPBACK", "127.255.255.255, LOOPBACK",
            "128.0.0.0, PUBLIC",
            // 169.254.0.0/16 (the metadata service at 169.254.169.254)
            "169.253.255.255, PUBLIC", "169.254.0.0, LINK_LOCAL", "169.254.169.254, LINK_LOCAL",
            "169.254.255.255, LINK_LOCAL", "169.255.0.0, PUBLIC",
            // 172.16.0.0/12
            "172.15.255.255, PUBLIC", "172.16.0.0, PRIVATE", "172.31.255.255, PRIVATE", "172.32.0.0, PUBLIC",
            // 192.0.0.0/24 and its entries: /29, .8, .9 and .10 (globally reachable), .170, .171
            "191.255.255.255, PUBLIC", "192.0.0.0, PROTOCOL", "192.0.0.7, PROTOCOL", "192.0.0.8, PROTOCOL",
            "192.0.0.9, PUBLIC", "192.0.0.10, PUBLIC", "192.0.0.11, PROTOCOL", "192.0.0.169, PROTOCOL",
            "192.0.0.170, PROTOCOL", "192.0.0.171, PROTOCOL", "192.0.0.172, PROTOCOL", "192.0.0.255, PROTOCOL",
            "192.0.1.0, PUBLIC",
            // 192.0.2.0/24 TEST-NET-1
            "192.0.1.255, PUBLIC", "192.0.2.0, DOCUMENTATION", "192.0.2.255, DOCUMENTATION", "192.0.3.0, PUBLIC",
            // 192.31.196.0/24 AS112-v4, 192.52.193.0/24 AMT, 192.175.48.0/24 AS112: globally reachable
            "192.31.196.0, PUBLIC", "192.31.196.255, PUBLIC", "192.52.193.0, PUBLIC", "192.52.193.255, PUBLIC",
            "192.175.48.0, PUBLIC", "192.175.48.255, PUBLIC",
            // 192.88.99.0/24 (deprecated 6to4 relay anycast) and 192.88.99.2/32 (6a44 relay)
            "192.88.98.255, PUBLIC", "192.88.99.0, PROTOCOL", "192.88.99.2, PROTOCOL", "192.88.99.255, PROTOCOL",
            "192.88.100.0, PUBLIC",
            // 192.168.0.0/16
            "192.167.255.255, PUBLIC", "192.168.0.0, PRIVATE", "192.168.255.255, PRIVATE", "192.169.0.0, PUBLIC",
            // 198.18.0.0/15
            "198.17.255.255, PUBLIC", "198.18.0.0, BENCHMARKING", "198.19.255.255, BENCHMARKING", "198.20.0.0, PUBLIC",
            // 198.51.100.0/24 TEST-NET-2, 203.0.113.0/24 TEST-NET-3
            "198.51.99.255, PUBLIC", "198.51.100.0, DOCUMENTATION", "198.51.100.255, DOCUMENTATION",
            "198.51.101.0, PUBLIC", "203.0.112.255, PUBLIC", "203.0.113.0, DOCUMENTATION",
            "203.0.113.255, DOCUMENTATION", "203.0.114.0, PUBLIC",
            // 224.0.0.0/4 multicast, 240.0.0.0/4 reserved, 255.255.255.255 broadcast
            "223.255.255.255, PUBLIC", "224.0.0.0, MULTICAST", "239.255.255.255, MULTICAST", "240.0.0.0, RESERVED",
            "255.255.255.254, RESERVED", "255.255.255.255, BROADCAST",
            // ordinary public addresses
            "8.8.8.8, PUBLIC", "1.1.1.1, PUBLIC", "93.184.216.34, PUBLIC"})
    void ipv4(String address, String expected) {
        assertThat(kind(address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // ::/128, ::1/128
            "::, UNSPECIFIED", "::1, LOOPBACK",
            // ::/96 IPv4-compatible (deprecated): the embedded kind, else refused as such
            "::2, UNSPECIFIED", "::127.0.0.1, LOOPBACK", "::10.0.0.1, PRIVATE", "::169.254.169.254, LINK_LOCAL",
            "::8.8.8.8, IPV4_COMPATIBLE", "::255.255.255.255, BROADCAST", "::1:0:0, RESERVED",
            // ::ffff:0:0/96 IPv4-mapped: exactly the embedded address
            "::ffff:0.0.0.0, UNSPECIFIED", "::ffff:127.0.0.1, LOOPBACK", "::ffff:10.1.2.3, PRIVATE",
            "::ffff:8.8.8.8, PUBLIC", "::ffff:255.255.255.255, BROADCAST", "::fffe:ffff:ffff, RESERVED",
            "::1:ffff:0:0, RESERVED",
            // ::ffff:0:0:0/96 IPv4-translated
            "::ffff:0:7f00:1, LOOPBACK", "::ffff:0:808:808, RESERVED",
            // 64:ff9b::/96 NAT64 well-known prefix: the embedded address
            "64:ff9b::, UNSPECIFIED", "64:ff9b::7f00:1, LOOPBACK", "64:ff9b::a00:1, PRIVATE",
            "64:ff9b::a9fe:a9fe, LINK_LOCAL", "64:ff9b::808:808, PUBLIC", "64:ff9b::ffff:ffff, BROADCAST",
            "64:ff9b::1:0:0, RESERVED", "64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
            // 64:ff9b:1::/48 local-use translation
            "64:ff9b:1::, TRANSLATION", "64:ff9b:1::808:808, TRANSLATION",
            "64:ff9b:1:ffff:ffff:ffff:ffff:ffff, TRANSLATION", "64:ff9b:2::, RESERVED",
            // 100::/64 discard-only, 100:0:0:1::/64 dummy prefix
            "100::, DISCARD", "100::ffff:ffff:ffff:ffff, DISCARD", "100:0:0:1::, PROTOCOL",
            "100:0:0:1:ffff:ffff:ffff:ffff, PROTOCOL", "100:0:0:2::, RESERVED", "ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
            // 2001::/23 IETF protocol assignments and its entries
            "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC", "2001:1::, PROTOCOL", "2001:1::1, PUBLIC",
            "2001:1::2, PUBLIC", "2001:1::3, PUBLIC", "2001:1::4, PROTOCOL", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff, PROTOCOL",
            "2001:200::, PUBLIC",
            // 2001:2::/48 benchmarking
            "2001:2::, BENCHMARKING", "2001:2:0:ffff:ffff:ffff:ffff:ffff, BENCHMARKING", "2001:2:1::, PROTOCOL",
            "2001:1:ffff:ffff:ffff:ffff:ffff:ffff, PROTOCOL",
            // 2001:3::/32 AMT, 2001:4:112::/48 AS112-v6: globally reachable
            "2001:3::, PUBLIC", "2001:3:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC", "2001:4::, PROTOCOL",
            "2001:4:111:ffff:ffff:ffff:ffff:ffff, PROTOCOL", "2001:4:112::, PUBLIC",
            "2001:4:112:ffff:ffff:ffff:ffff:ffff, PUBLIC", "2001:4:113::, PROTOCOL",
            // 2001:10::/28 deprecated ORCHID; 2001:20::/28 ORCHIDv2 and 2001:30::/28 drone DETs: globally reachable
            "2001:f:ffff:ffff:ffff:ffff:ffff:ffff, PROTOCOL", "2001:10::, PROTOCOL",
            "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff, PROTOCOL", "2001:20::, PUBLIC",
            "2001:2f:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC", "2001:30::, PUBLIC",
            "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC", "2001:40::, PROTOCOL",
            // 2001:db8::/32 documentation
            "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC", "2001:db8::, DOCUMENTATION",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, DOCUMENTATION", "2001:db9::, PUBLIC",
            // 2001::/32 Teredo: server (bits 32-63) and client (last 32 bits, inverted) addresses
            "2001:0:808:808::fefd:fcfb, PUBLIC", "2001:0:808:808::80ff:fffe, LOOPBACK",
            "2001:0:a00:1::fefd:fcfb, PRIVATE", "2001::, BROADCAST", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff, UNSPECIFIED",
            // 2002::/16 6to4: the address in bits 16-47
            "2002::, UNSPECIFIED", "2002:7f00:1::, LOOPBACK", "2002:a9fe:a9fe::1, LINK_LOCAL", "2002:808:808::1, PUBLIC",
            "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff, BROADCAST", "2003::, PUBLIC",
            "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
            // 2620:4f:8000::/48 Direct Delegation AS112: globally reachable
            "2620:4f:8000::, PUBLIC", "2620:4f:8000:ffff:ffff:ffff:ffff:ffff, PUBLIC",
            // 3fff::/20 documentation
            "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC", "3fff::, DOCUMENTATION",
            "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff, DOCUMENTATION", "3fff:1000::, PUBLIC",
            // the edges of 2000::/3, the global unicast space
            "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED", "2000::, PUBLIC",
            "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC", "4000::, RESERVED",
            // 5f00::/16 SRv6 SIDs
            "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED", "5f00::, SEGMENT_ROUTING",
            "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff, SEGMENT_ROUTING", "5f01::, RESERVED",
            // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast
            "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED", "fc00::, PRIVATE",
            "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PRIVATE", "fe00::, RESERVED",
            "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED", "fe80::, LINK_LOCAL",
            "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, LINK_LOCAL", "fec0::, SITE_LOCAL",
            "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, SITE_LOCAL", "ff00::, MULTICAST",
            "ff02::1, MULTICAST", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, MULTICAST",
            // ordinary public addresses
            "2606:4700:4700::1111, PUBLIC", "2a00:1450:4001:82a::200e, PUBLIC"})
    void ipv6(String address, String expected) {
        assertThat(kind(address)).isEqualTo(expected);
    }

    @Test
    void everyBlockHoldsItsFirstAndLastAddressAndNotTheOnesJustOutside() {
        List<String> problems = new ArrayList<>();
        for (List<SpecialAddresses.Block> table : List.of(SpecialAddresses.IPV4, SpecialAddresses.IPV6)) {
            for (SpecialAddresses.Block b : table) {
                byte[] first = b.cidr().first().getAddress(), last = b.cidr().last().getAddress();
                if (first.length != b.cidr().length()) { // InetAddress turned ::ffff:0:0/96 into IPv4
                    first = Cidr.mapped(first);
                    last = Cidr.mapped(last);
                }
                for (byte[] inside : List.of(first, last)) {
                    SpecialAddresses.Block m = SpecialAddresses.mostSpecific(table, inside);
                    if (m == null || m.cidr().prefix() < b.cidr().prefix()) problems.add(b.name() + " misses " + hex(inside));
                }
                for (byte[] outside : Arrays.asList(step(first, -1), step(last, +1))) {
                    if (outside == null) continue;
                    if (b.cidr().contains(outside)) problems.add(b.name() + " holds " + hex(outside));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void onlyTheBlocksTheRegistryMarksGloballyReachableArePublic() {
        for (List<SpecialAddresses.Block> table : List.of(SpecialAddresses.IPV4, SpecialAddresses.IPV6)) {
            for (SpecialAddresses.Block b : table) {
                boolean embedded = b.reach() != SpecialAddresses.Reach.GLOBAL && b.reach() != SpecialAddresses.Reach.NOT_GLOBAL;
                if (embedded) continue; // judged by the address they carry: see the tables above
                byte[] mid = b.cidr().network();
                mid[mid.length - 1] |= 1; // an address inside that is not the network address itself
                if (b.cidr().prefix() == mid.length * 8) mid = b.cidr().network();
                SpecialAddresses.Block m = SpecialAddresses.mostSpecific(table, mid);
                if (m != b) continue; // a more specific entry decides there
                assertThat(SpecialAddresses.classify(mid) == null).as(b.name())
                        .isEqualTo(b.reach() == SpecialAddresses.Reach.GLOBAL);
            }
        }
    }

    @Test
    void theInetAddressFormsAgreeWithTheRawOnes() throws Exception {
        assertThat(SpecialAddresses.classify(java.net.InetAddress.getByName("::ffff:127.0.0.1")))
                .isEqualTo(AddressKind.LOOPBACK);
        assertThat(SpecialAddresses.isPublic(java.net.InetAddress.getByName("8.8.4.4"))).isTrue();
        assertThat(SpecialAddresses.isPublic(Host.parse("[64:ff9b::7f00:1]").address())).isFalse();
    }

    @Test
    void everyKindHasAPhraseForMessages() {
        for (AddressKind k : AddressKind.values()) assertThat(k.phrase()).matches("an? .+");
    }

    /** {@code b} plus {@code delta} as an unsigned number of its width, or null past either end. */
    private static byte[] step(byte[] b, int delta) {
        BigInteger v = new BigInteger(1, b).add(BigInteger.valueOf(delta));
        if (v.signum() < 0 || v.bitLength() > b.length * 8) return null;
        byte[] raw = v.toByteArray();
        byte[] out = new byte[b.length];
        int n = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - n, out, b.length - n, n);
        return out;
    }

    private static String hex(byte[] b) {
        return Arrays.toString(b);
    }
}
