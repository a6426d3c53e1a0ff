package dev.parley.server.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which addresses a server-side request (the STT {@code url} download, MCP servers, and any later fetch) may
 * connect to: globally reachable unicast only ({@link SpecialAddresses}), unless the allow-list admits more.
 *
 * <ul>
 *   <li>{@link #resolve} is the one step from a host to the addresses to connect to: a literal is taken as it is
 *       (after {@link Host}'s strict parse), a name goes to the {@link Resolver}; every address is checked, and only
 *       the admitted ones are returned: a name with one public and one private address is connected to on the
 *       public one alone. When none is admitted the request is refused, naming the kind of the first refused
 *       address, never the address itself. The HTTP client ({@link OutboundHttp}) connects to exactly the addresses
 *       this returns (no second lookup, so no DNS-rebinding gap) and checks each again as it connects
 *       ({@link #admits}).</li>
 *   <li>The allow-list ({@code outbound.allow}) holds CIDR blocks ({@code 10.0.0.0/8}, {@code 127.0.0.1},
 *       {@code fd00::/8}) and host names ({@code mcp.lan}). An address inside an allowed block is admitted whatever
 *       its kind; a name on the list is admitted with every address it resolves to (the operator vouches for it).
 *       {@code 0.0.0.0/0} and {@code ::/0} admit everything, for a deployment that trusts every caller.</li>
 *   <li>Caller-supplied headers (an MCP tool's {@code headers}) go only to hosts on the allow-list, or everywhere
 *       with {@code outbound.forward_headers} ({@link #forwardsHeadersTo}).</li>
 * </ul>
 * Immutable; thread-safe.
 */
public final class OutboundPolicy {
    private final List<Cidr> blocks;
    private final Set<String> names;
    private final boolean forwardHeaders;
    private final Resolver resolver;

    private OutboundPolicy(List<Cidr> blocks, Set<String> names, boolean forwardHeaders, Resolver resolver) {
        this.blocks = List.copyOf(blocks);
        this.names = Set.copyOf(names);
        this.forwardHeaders = forwardHeaders;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Public addresses only, no header forwarding, the system resolver. */
    public static OutboundPolicy strict() {
        return new OutboundPolicy(List.of(), Set.of(), false, Resolver.SYSTEM);
    }

    /**
     * A policy with this allow-list (see {@link #checkAllowEntry}), the system resolver.
     *
     * @throws IllegalArgumentException naming an entry that is neither a block nor a host name
     */
    public static OutboundPolicy of(List<String> allow, boolean forwardHeaders) {
        List<Cidr> blocks = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String entry : allow) {
            Object parsed = parseAllowEntry(entry);
            if (parsed instanceof Cidr c) blocks.add(c);
            else names.add((String) parsed);
        }
        return new OutboundPolicy(blocks, names, forwardHeaders, Resolver.SYSTEM);
    }

    /** A copy that resolves names with {@code resolver} (tests: a fixed table, no DNS). */
    public OutboundPolicy withResolver(Resolver resolver) {
        return new OutboundPolicy(blocks, names, forwardHeaders, resolver);
    }

    /**
     * Checks one allow-list entry: a canonical IP address or CIDR block, or a host name.
     *
     * @throws IllegalArgumentException saying why it is neither
     */
    public static void checkAllowEntry(String entry) {
        parseAllowEntry(entry);
    }

    private static Object parseAllowEntry(String entry) {
        String e = entry == null ? "" : entry.strip();
        if (e.isEmpty()) throw new IllegalArgumentException("an empty entry");
        if (e.indexOf('/') >= 0 || Host.literal(e) != null) return Cidr.parse(e);
        try {
            Host h = Host.parse(e);
            if (h.isLiteral()) return Cidr.parse(h.text());
            return h.text();
        } catch (OutboundException x) {
            throw new IllegalArgumentException("'" + e + "' is neither a canonical IP address or CIDR block nor a host"
                    + " name: " + x.getMessage());
        }
    }

    /** The target of {@code uri}, checked before anything is resolved ({@link Target#of}). */
    public Target target(URI uri) throws OutboundException {
        return Target.of(uri);
    }

    /**
     * The addresses to connect to for {@code host} (a name or literal, IPv6 with or without brackets) and
     * {@code port}: every admitted address, in the resolver's order.
     *
     * @throws OutboundException {@link OutboundException.Reason#INVALID_URL} for a host that is not a DNS name or a
     *                           canonical literal, {@link OutboundException.Reason#UNRESOLVED} for a name without
     *                           addresses, {@link OutboundException.Reason#REFUSED_ADDRESS} when none is admitted
     */
    public List<InetSocketAddress> resolve(String host, int port) throws OutboundException {
        Host h = Host.parse(host);
        List<InetAddress> candidates;
        if (h.isLiteral()) {
            candidates = List.of(h.address());
        } else {
            try {
                candidates = resolver.resolve(h.text());
            } catch (UnknownHostException e) {
                candidates = List.of();
            }
            if (candidates == null || candidates.isEmpty()) {
                throw new OutboundException(OutboundException.Reason.UNRESOLVED, "its host name does not resolve");
            }
        }
        boolean nameAllowed = !h.isLiteral() && names.contains(h.text());
        List<InetSocketAddress> admitted = new ArrayList<>();
        AddressKind refused = null;
        for (InetAddress a : candidates) {
            AddressKind kind = nameAllowed ? null : refusal(a);
            if (kind == null) admitted.add(new InetSocketAddress(a, port));
            else if (refused == null) refused = kind;
        }
        if (admitted.isEmpty()) throw OutboundException.refused(refused);
        return List.copyOf(admitted);
    }

    /** Null when {@code a} is admitted by address (public, or in an allowed block); otherwise its kind. */
    public AddressKind refusal(InetAddress a) {
        AddressKind kind = SpecialAddresses.classify(a);
        if (kind == null) return null;
        for (Cidr c : blocks) if (c.contains(a)) return null;
        return kind;
    }

    /**
     * The connect-time check: whether a connection to {@code address} for {@code host} is admitted (the address
     * by itself, or the host name on the allow-list).
     */
    public boolean admits(InetSocketAddress address, String host) {
        if (address == null || address.isUnresolved()) return false;
        if (refusal(address.getAddress()) == null) return true;
        try {
            Host h = Host.parse(host);
            return !h.isLiteral() && names.contains(h.text());
        } catch (OutboundException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code host} is on the allow-list: a listed name, or a literal inside an allowed block. */
    public boolean allowListed(String host) {
        try {
            Host h = Host.parse(host);
            if (!h.isLiteral()) return names.contains(h.text());
            for (Cidr c : blocks) if (c.contains(h.address())) return true;
            return false;
        } catch (OutboundException e) {
            return false;
        }
    }

    /** Whether caller-supplied headers may be sent to {@code host}: {@code forward_headers}, or the allow-list. */
    public boolean forwardsHeadersTo(String host) {
        return forwardHeaders || allowListed(host);
    }

    @Override
    public String toString() {
        return "OutboundPolicy[allow=" + blocks + " " + names + ", forwardHeaders=" + forwardHeaders + "]";
    }
}
