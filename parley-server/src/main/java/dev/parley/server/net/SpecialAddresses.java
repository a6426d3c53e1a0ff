package dev.parley.server.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies addresses against the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and the
 * registrations since: {@code iana-ipv4-special-registry}, {@code iana-ipv6-special-registry}), plus multicast
 * ({@code 224.0.0.0/4}, {@code ff00::/8}), the deprecated site-local {@code fec0::/10} and IPv4-compatible
 * {@code ::/96} forms, and the rest of IPv6 outside the global unicast space {@code 2000::/3}. An address is
 * <em>public</em> when it is globally reachable unicast: outside every block, or in a block the registry marks
 * "Globally Reachable: True" (the most specific block decides, so {@code 192.0.0.9} is public inside the
 * non-public {@code 192.0.0.0/24}).
 *
 * <p>IPv6 forms that carry an IPv4 address are classified by the IPv4 address they carry:
 * <ul>
 *   <li>IPv4-mapped {@code ::ffff:0:0/96} and the NAT64 well-known prefix {@code 64:ff9b::/96}: exactly as the
 *       embedded address ({@code [::ffff:127.0.0.1]} and {@code [64:ff9b::7f00:1]} are loopback);</li>
 *   <li>6to4 {@code 2002::/16} (the address in bits 16-47) and Teredo {@code 2001::/32} (the server address in
 *       bits 32-63 and the client address, inverted, in the last 32 bits), which the registry marks "N/A": as
 *       reachable as the IPv4 address(es) they carry;</li>
 *   <li>IPv4-compatible {@code ::/96} (deprecated) and IPv4-translated {@code ::ffff:0:0:0/96}: the embedded
 *       address's kind when it is not public, else refused anyway ({@link AddressKind#IPV4_COMPATIBLE},
 *       {@link AddressKind#RESERVED}).</li>
 * </ul>
 * The local-use translation prefix {@code 64:ff9b:1::/48} is not globally reachable and refused whole. Stateless;
 * thread-safe.
 */
public final class SpecialAddresses {
    private SpecialAddresses() {}

    /** How a block's addresses are judged. */
    enum Reach {
        /** Not globally reachable: its kind. */
        NOT_GLOBAL,
        /** "Globally Reachable: True" inside a larger non-public block. */
        GLOBAL,
        /** Exactly the embedded IPv4 address in the last 32 bits (mapped, NAT64). */
        AS_EMBEDDED,
        /** The embedded IPv4 address's kind when not public, else the block's kind (compatible, translated). */
        EMBEDDED_OR_KIND,
        /** 6to4: the IPv4 address in bits 16-47. */
        SIX_TO_FOUR,
        /** Teredo: server (bits 32-63) and client (last 32 bits, inverted) addresses. */
        TEREDO
    }

    /** One registry entry (or one of the additions named above). */
    record Block(Cidr cidr, String name, Reach reach, AddressKind kind) {}

    private static Block b(String cidr, String name, AddressKind kind) {
        return new Block(Cidr.parse(cidr), name, Reach.NOT_GLOBAL, kind);
    }

    private static Block global(String cidr, String name) {
        return new Block(Cidr.parse(cidr), name, Reach.GLOBAL, null);
    }

    private static Block special(String cidr, String name, Reach reach, AddressKind kind) {
        return new Block(Cidr.parse(cidr), name, reach, kind);
    }

    /** The IPv4 blocks: the registry's entries, then multicast. */
    static final List<Block> IPV4 = List.of(
            b("0.0.0.0/8", "\"This network\" (RFC 791, RFC 1122)", AddressKind.UNSPECIFIED),
            b("0.0.0.0/32", "\"This host on this network\" (RFC 1122)", AddressKind.UNSPECIFIED),
            b("10.0.0.0/8", "Private-Use (RFC 1918)", AddressKind.PRIVATE),
            b("100.64.0.0/10", "Shared Address Space (RFC 6598)", AddressKind.SHARED),
            b("127.0.0.0/8", "Loopback (RFC 1122)", AddressKind.LOOPBACK),
            b("169.254.0.0/16", "Link Local (RFC 3927)", AddressKind.LINK_LOCAL),
            b("172.16.0.0/12", "Private-Use (RFC 1918)", AddressKind.PRIVATE),
            b("192.0.0.0/24", "IETF Protocol Assignments (RFC 6890)", AddressKind.PROTOCOL),
            b("192.0.0.0/29", "IPv4 Service Continuity Prefix (RFC 7335)", AddressKind.PROTOCOL),
            b("192.0.0.8/32", "IPv4 dummy address (RFC 7600)", AddressKind.PROTOCOL),
            global("192.0.0.9/32", "Port Control Protocol Anycast (RFC 7723)"),
            global("192.0.0.10/32", "Traversal Using Relays around NAT Anycast (RFC 8155)"),
            b("192.0.0.170/32", "NAT64/DNS64 Discovery (RFC 8880)", AddressKind.PROTOCOL),
            b("192.0.0.171/32", "NAT64/DNS64 Discovery (RFC 8880)", AddressKind.PROTOCOL),
            b("192.0.2.0/24", "Documentation (TEST-NET-1, RFC 5737)", AddressKind.DOCUMENTATION),
            global("192.31.196.0/24", "AS112-v4 (RFC 7535)"),
            global("192.52.193.0/24", "AMT (RFC 7450)"),
            b("192.88.99.0/24", "Deprecated (6to4 Relay Anycast, RFC 7526)", AddressKind.PROTOCOL),
            b("192.88.99.2/32", "6a44-relay anycast address (RFC 6751)", AddressKind.PROTOCOL),
            b("192.168.0.0/16", "Private-Use (RFC 1918)", AddressKind.PRIVATE),
            global("192.175.48.0/24", "Direct Delegation AS112 Service (RFC 7534)"),
            b("198.18.0.0/15", "Benchmarking (RFC 2544)", AddressKind.BENCHMARKING),
            b("198.51.100.0/24", "Documentation (TEST-NET-2, RFC 5737)", AddressKind.DOCUMENTATION),
            b("203.0.113.0/24", "Documentation (TEST-NET-3, RFC 5737)", AddressKind.DOCUMENTATION),
            b("224.0.0.0/4", "Multicast (RFC 5771; not in this registry)", AddressKind.MULTICAST),
            b("240.0.0.0/4", "Reserved (RFC 1112)", AddressKind.RESERVED),
            b("255.255.255.255/32", "Limited Broadcast (RFC 8190, RFC 919)", AddressKind.BROADCAST));

    /** The IPv6 blocks: the registry's entries, then the deprecated forms and multicast. */
    static final List<Block> IPV6 = List.of(
            b("::1/128", "Loopback Address (RFC 4291)", AddressKind.LOOPBACK),
            b("::/128", "Unspecified Address (RFC 4291)", AddressKind.UNSPECIFIED),
            special("::ffff:0:0/96", "IPv4-mapped Address (RFC 4291)", Reach.AS_EMBEDDED, null),
            special("64:ff9b::/96", "IPv4-IPv6 Translat. (RFC 6052)", Reach.AS_EMBEDDED, null),
            b("64:ff9b:1::/48", "IPv4-IPv6 Translat. (RFC 8215)", AddressKind.TRANSLATION),
            b("100::/64", "Discard-Only Address Block (RFC 6666)", AddressKind.DISCARD),
            b("100:0:0:1::/64", "Dummy IPv6 Prefix (RFC 9780)", AddressKind.PROTOCOL),
            b("2001::/23", "IETF Protocol Assignments (RFC 2928)", AddressKind.PROTOCOL),
            special("2001::/32", "TEREDO (RFC 4380, RFC 8190)", Reach.TEREDO, null),
            global("2001:1::1/128", "Port Control Protocol Anycast (RFC 7723)"),
            global("2001:1::2/128", "Traversal Using Relays around NAT Anycast (RFC 8155)"),
            global("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast (RFC 9665)"),
            b("2001:2::/48", "Benchmarking (RFC 5180)", AddressKind.BENCHMARKING),
            global("2001:3::/32", "AMT (RFC 7450)"),
            global("2001:4:112::/48", "AS112-v6 (RFC 7535)"),
            b("2001:10::/28", "Deprecated (previously ORCHID, RFC 4843)", AddressKind.PROTOCOL),
            global("2001:20::/28", "ORCHIDv2 (RFC 7343)"),
            global("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix (RFC 9374)"),
            b("2001:db8::/32", "Documentation (RFC 3849)", AddressKind.DOCUMENTATION),
            special("2002::/16", "6to4 (RFC 3056)", Reach.SIX_TO_FOUR, null),
            global("2620:4f:8000::/48", "Direct Delegation AS112 Service (RFC 7534)"),
            b("3fff::/20", "Documentation (RFC 9637)", AddressKind.DOCUMENTATION),
            b("5f00::/16", "Segment Routing (SRv6) SIDs (RFC 9602)", AddressKind.SEGMENT_ROUTING),
            b("fc00::/7", "Unique-Local (RFC 4193, RFC 8190)", AddressKind.PRIVATE),
            b("fe80::/10", "Link-Local Unicast (RFC 4291)", AddressKind.LINK_LOCAL),
            special("::/96", "IPv4-compatible, deprecated (RFC 4291 §2.5.5.1; not in this registry)",
                    Reach.EMBEDDED_OR_KIND, AddressKind.IPV4_COMPATIBLE),
            special("::ffff:0:0:0/96", "IPv4-translated (RFC 2765; not in this registry)", Reach.EMBEDDED_OR_KIND,
                    AddressKind.RESERVED),
            b("fec0::/10", "Site-local, deprecated (RFC 3879; not in this registry)", AddressKind.SITE_LOCAL),
            b("ff00::/8", "Multicast (RFC 4291; not in this registry)", AddressKind.MULTICAST));

    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

    /** Null for a globally reachable unicast address; otherwise what kind of address it is. */
    public static AddressKind classify(InetAddress address) {
        return classify(address.getAddress());
    }

    /** Whether {@code address} is globally reachable unicast. */
    public static boolean isPublic(InetAddress address) {
        return classify(address) == null;
    }

    static AddressKind classify(byte[] b) {
        if (b.length == 4) {
            Block block = mostSpecific(IPV4, b);
            return block == null || block.reach() == Reach.GLOBAL ? null : block.kind();
        }
        Block block = mostSpecific(IPV6, b);
        if (block == null) return GLOBAL_UNICAST.contains(b) ? null : AddressKind.RESERVED;
        return switch (block.reach()) {
            case GLOBAL -> null;
            case NOT_GLOBAL -> block.kind();
            case AS_EMBEDDED -> classify(Arrays.copyOfRange(b, 12, 16));
            case EMBEDDED_OR_KIND -> {
                AddressKind k = classify(Arrays.copyOfRange(b, 12, 16));
                yield k != null ? k : block.kind();
            }
            case SIX_TO_FOUR -> classify(Arrays.copyOfRange(b, 2, 6));
            case TEREDO -> {
                byte[] client = Arrays.copyOfRange(b, 12, 16);
                for (int i = 0; i < 4; i++) client[i] = (byte) ~client[i];
                AddressKind k = classify(client);
                yield k != null ? k : classify(Arrays.copyOfRange(b, 4, 8));
            }
        };
    }

    /** The matching block with the longest prefix, or null. */
    static Block mostSpecific(List<Block> blocks, byte[] b) {
        Block best = null;
        for (Block block : blocks) {
            if (block.cidr().length() == b.length && block.cidr().contains(b)
                    && (best == null || block.cidr().prefix() > best.cidr().prefix())) {
                best = block;
            }
        }
        return best;
    }
}
