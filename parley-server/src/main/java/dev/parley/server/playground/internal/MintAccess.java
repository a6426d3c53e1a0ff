package dev.parley.server.playground.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may mint a client secret through the playground. Pure function of what the request says about its caller;
 * no I/O (host names are never resolved: only {@code localhost} and IP literals count as loopback).
 *
 * <p>Without {@code allowRemote} a caller must: connect from a loopback address; name a loopback host in
 * {@code Host} (so a DNS-rebinding page on another origin that resolves to 127.0.0.1 is refused); carry no proxy
 * forwarding header (a reverse proxy on the same machine would otherwise make every remote client look local).
 * Always: an {@code Origin}, when sent, must be the server's own origin (no cross-site minting from a page the
 * user happens to visit; the opaque origin {@code null} of sandboxed frames and local files is refused too).
 */
public final class MintAccess {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Headers a reverse proxy adds; their presence means the socket peer is not the real client. */
    public static final String[] FORWARDING_HEADERS = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"};

    private MintAccess() {}

    /**
     * What the request says about its caller.
     *
     * @param remote    the socket peer address, or null when unknown
     * @param host      the {@code Host} header (host[:port]), or null
     * @param origin    the {@code Origin} header, or null
     * @param forwarded whether any of {@link #FORWARDING_HEADERS} is present
     */
    public record Caller(InetAddress remote, String host, String origin, boolean forwarded) {}

    /** Null when {@code caller} may mint, else the reason (safe to show the client: HTTP 403 body). */
    public static String refusal(Caller caller, boolean allowRemote) {
        if (caller.origin() != null && !sameOrigin(caller.origin(), caller.host())) {
            return "The playground mints client secrets only for pages it served itself (Origin "
                    + caller.origin() + " is not this server)";
        }
        if (allowRemote) return null;
        String hint = "; set playground.allow_remote: true (PARLEY_PLAYGROUND_ALLOW_REMOTE=true) to allow remote"
                + " clients";
        if (caller.remote() == null || !caller.remote().isLoopbackAddress()) {
            return "The playground mints client secrets only for clients on this machine" + hint;
        }
        if (caller.forwarded()) {
            return "The playground does not mint client secrets for requests forwarded by a proxy" + hint;
        }
        if (!isLoopbackHost(hostOnly(caller.host()))) {
            return "The playground mints client secrets only when reached as localhost, 127.0.0.1 or [::1]" + hint;
        }
        return null;
    }

    /** Whether {@code host} (no port; IPv6 with or without brackets) is {@code localhost} or a loopback literal. */
    static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.equals("localhost")) return true;
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (!IPV4.matcher(h).matches() && !h.contains(":")) return false; // a name: never resolved
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host part of a {@code Host} header value. */
    static String hostOnly(String hostHeader) {
        if (hostHeader == null) return null;
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }

    /** Whether {@code origin} (scheme://host[:port]) names the host and port of the {@code Host} header. */
    static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) return false;
        URI u;
        try {
            u = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (u.getHost() == null || u.getScheme() == null) return false;
        int defaultPort = u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        int originPort = u.getPort() >= 0 ? u.getPort() : defaultPort;
        String host = hostOnly(hostHeader);
        String rest = hostHeader.strip().substring(host.length());
        int hostPort;
        try {
            hostPort = rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : defaultPort;
        } catch (NumberFormatException e) {
            return false;
        }
        return u.getHost().equalsIgnoreCase(host) && originPort == hostPort;
    }
}
