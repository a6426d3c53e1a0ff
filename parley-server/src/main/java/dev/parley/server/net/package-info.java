/**
 * The outbound-address policy of every server-side request (the STT {@code url} download, MCP servers, and any
 * fetch added later): what a URL may name, which addresses may be connected to, and the one HTTP client that
 * enforces both.
 *
 * <ul>
 *   <li>{@link dev.parley.server.net.Host} and {@link dev.parley.server.net.Target}: a URL's host read strictly,
 *       before any resolution: a DNS name or a canonical IP literal; ambiguous IPv4 notations ({@code 0177.0.0.1},
 *       {@code 0x7f.1}, {@code 2130706433}, {@code 127.1}) are refused.</li>
 *   <li>{@link dev.parley.server.net.SpecialAddresses}: the IANA IPv4 and IPv6 Special-Purpose Address Registries,
 *       multicast, and the IPv6 forms that carry an IPv4 address, classified by {@link
 *       dev.parley.server.net.AddressKind}; only globally reachable unicast is public.</li>
 *   <li>{@link dev.parley.server.net.OutboundPolicy}: resolution through an injectable
 *       {@link dev.parley.server.net.Resolver}, every address checked, the allow-list ({@code outbound.allow}) and
 *       whether caller headers may be forwarded ({@code outbound.forward_headers}).</li>
 *   <li>{@link dev.parley.server.net.OutboundHttp}: the client. It follows redirects itself, hop by hop through the
 *       same checks, never sends restricted headers, drops the caller's headers when a redirect changes origin, and
 *       connects through a {@link dev.parley.server.net.Connector} that reaches only the addresses the policy
 *       returned (in production Jetty's HTTP client, with the policy as its resolver and a check at connect
 *       time: the address checked is the address connected to).</li>
 *   <li>{@link dev.parley.server.net.OutboundException}: refusals and failures, with messages that name the reason
 *       and the kind of a refused address, never the resolved address, an upstream body or exception text.</li>
 * </ul>
 */
package dev.parley.server.net;
