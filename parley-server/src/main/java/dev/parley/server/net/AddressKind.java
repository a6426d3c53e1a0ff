package dev.parley.server.net;

/**
 * Why an address is not globally reachable unicast: the kind of special-purpose block it lies in (see
 * {@link SpecialAddresses}). Each kind has a short phrase for error messages ("a loopback address"), which names the
 * kind only, never the address.
 */
public enum AddressKind {
    /** {@code 0.0.0.0/8}, {@code ::/128}. */
    UNSPECIFIED("an unspecified (\"this network\") address"),
    /** {@code 127.0.0.0/8}, {@code ::1/128}. */
    LOOPBACK("a loopback address"),
    /** {@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, unique local {@code fc00::/7}. */
    PRIVATE("a private address"),
    /** {@code 100.64.0.0/10}. */
    SHARED("a shared (carrier-grade NAT) address"),
    /** {@code 169.254.0.0/16} (cloud metadata services live there), {@code fe80::/10}. */
    LINK_LOCAL("a link-local address"),
    /** {@code fec0::/10} (deprecated by RFC 3879). */
    SITE_LOCAL("a site-local address"),
    /** {@code 224.0.0.0/4}, {@code ff00::/8}. */
    MULTICAST("a multicast address"),
    /** {@code 255.255.255.255}. */
    BROADCAST("a broadcast address"),
    /** TEST-NET-1/2/3, {@code 2001:db8::/32}, {@code 3fff::/20}. */
    DOCUMENTATION("a documentation address"),
    /** {@code 198.18.0.0/15}, {@code 2001:2::/48}. */
    BENCHMARKING("a benchmarking address"),
    /** IETF protocol assignments that are not globally reachable ({@code 192.0.0.0/24}, {@code 2001::/23}, ...). */
    PROTOCOL("an address reserved for an IETF protocol"),
    /** Local-use IPv4/IPv6 translation {@code 64:ff9b:1::/48}. */
    TRANSLATION("a local-use IPv4/IPv6 translation address"),
    /** Discard-only {@code 100::/64}. */
    DISCARD("a discard-only address"),
    /** SRv6 segment identifiers {@code 5f00::/16}. */
    SEGMENT_ROUTING("a segment-routing (SRv6) identifier"),
    /** IPv4-compatible {@code ::a.b.c.d} (deprecated by RFC 4291) around a public IPv4 address. */
    IPV4_COMPATIBLE("a deprecated IPv4-compatible IPv6 address"),
    /** {@code 240.0.0.0/4}, and IPv6 outside the global unicast space {@code 2000::/3}. */
    RESERVED("a reserved address");

    private final String phrase;

    AddressKind(String phrase) {
        this.phrase = phrase;
    }

    /** The kind for a message: "a loopback address". */
    public String phrase() {
        return phrase;
    }
}
