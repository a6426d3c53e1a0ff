package dev.parley.server.net;

import java.net.URI;
import java.util.Locale;

/**
 * Where a URL points: scheme ({@code http} or {@code https}), strictly parsed {@link Host} and port. Checked before
 * anything is resolved.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host
 * @param port   the port, the scheme's default when the URL has none
 */
public record Target(String scheme, Host host, int port) {

    /**
     * The target of {@code uri}.
     *
     * @throws OutboundException {@link OutboundException.Reason#INVALID_URL}: not http(s), no host or one that is not a
     *                           DNS name or canonical IP literal (see {@link Host}), credentials in the URL, port 0
     */
    public static Target of(URI uri) throws OutboundException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()) {
            throw invalid("only http and https URLs with a host can be fetched");
        }
        String raw = uri.getRawAuthority();
        if (raw == null || raw.isEmpty()) throw invalid("only http and https URLs with a host can be fetched");
        if (uri.getRawUserInfo() != null || raw.indexOf('@') >= 0) {
            throw invalid("credentials in the URL are not supported");
        }
        if (uri.getHost() == null) {
            // java.net.URI did not read a server authority (127.1, 0x7f.1, my_host): say what is wrong with the host
            String h = raw.startsWith("[") ? raw.substring(0, raw.indexOf(']') + 1)
                    : raw.lastIndexOf(':') >= 0 ? raw.substring(0, raw.lastIndexOf(':')) : raw;
            Host.parse(h);
            throw invalid("the URL's host is not a DNS name or an IP address");
        }
        Host host = Host.parse(uri.getHost());
        int port = uri.getPort();
        if (port == 0 || port > 65535) throw invalid("the URL's port is out of range");
        if (port < 0) port = scheme.equals("https") ? 443 : 80;
        return new Target(scheme, host, port);
    }

    /** Whether {@code other} has the same origin (scheme, host, port). */
    public boolean sameOrigin(Target other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    private static OutboundException invalid(String detail) {
        return new OutboundException(OutboundException.Reason.INVALID_URL, detail);
    }
}
