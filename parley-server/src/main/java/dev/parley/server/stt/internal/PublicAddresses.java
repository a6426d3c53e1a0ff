package dev.parley.server.stt.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which hosts a server-side fetch (the STT {@code url} field) may reach: public unicast addresses only. Refused:
 * loopback, unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — cloud metadata
 * services live there — and fe80::/10), shared address space (100.64/10), multicast, 0/8, and IPv4-mapped IPv6
 * forms of these. Stateless; thread-safe.
 */
public final class PublicAddresses {
    private PublicAddresses() {}

    /**
     * Null when every address {@code host} resolves to is public; otherwise a phrase naming the first refused one
     * (e.g. "a loopback address (127.0.0.1)"). A name that does not resolve is refused too.
     */
    public static String refusal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            return "a host name that does not resolve (" + h + ")";
        }
        for (InetAddress a : all) {
            String kind = kind(a);
            if (kind != null) return kind + " (" + a.getHostAddress() + ")";
        }
        return null;
    }

    /** Null for a public unicast address, else what kind of non-public address it is. */
    static String kind(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return kind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    throw new AssertionError(e);
                }
            }
            if ((b[0] & 0xfe) == 0xfc) return "a private address";
        }
        if (a.isLoopbackAddress()) return "a loopback address";
        if (a.isAnyLocalAddress()) return "an unspecified address";
        if (a.isLinkLocalAddress()) return "a link-local address";
        if (a.isSiteLocalAddress()) return "a private address";
        if (a.isMulticastAddress()) return "a multicast address";
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
            if (b0 == 0) return "an unspecified address";
            if (b0 == 100 && b1 >= 64 && b1 < 128) return "a shared (carrier-grade NAT) address";
            if (b0 >= 240) return "a reserved address";
        }
        return null;
    }
}
