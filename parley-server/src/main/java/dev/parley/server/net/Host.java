package dev.parley.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The host of a URL, read strictly before anything is resolved: a DNS name or a canonical IP literal, nothing else.
 *
 * <ul>
 *   <li>IPv4: exactly four decimal parts 0–255 without leading zeros ({@code 127.0.0.1}). Every other numeric
 *       notation is refused as ambiguous, because clients disagree on it: {@code 0177.0.0.1} is 127.0.0.1 to curl
 *       and browsers but 177.0.0.1 to Java; {@code 0x7f.1}, {@code 2130706433} and {@code 127.1} are 127.0.0.1 to
 *       the WHATWG URL parser. A host whose last label is numeric ({@code 1.2.3.4.5}, {@code host.0x1}) is refused
 *       the same way, as the WHATWG parser does.</li>
 *   <li>IPv6: RFC 4291 text in brackets (or bare, as a connector passes it), {@code ::} compression and a trailing
 *       canonical dotted quad allowed; zone identifiers ({@code %eth0}) refused.</li>
 *   <li>Names: letters, digits and hyphens, labels of 1–63 characters not starting or ending with a hyphen, at most
 *       253 characters; one trailing dot is dropped; compared in lower case. Internationalized names must be given
 *       in their ASCII (punycode) form.</li>
 * </ul>
 * Immutable.
 */
public final class Host {
    private final String text;
    private final byte[] raw;
    private final InetAddress address;

    private Host(String text, byte[] raw) {
        this.text = text;
        this.raw = raw;
        try {
            this.address = raw == null ? null : InetAddress.getByAddress(raw); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Parses a host as {@link java.net.URI#getHost()} gives it ({@code [::1]}) or as a connector passes it
     * ({@code ::1}).
     *
     * @throws OutboundException {@link OutboundException.Reason#INVALID_URL} naming the problem
     */
    public static Host parse(String host) throws OutboundException {
        if (host == null || host.isEmpty()) throw invalid("the URL has no host");
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            String inner = host.startsWith("[") && host.endsWith("]") && host.length() > 2
                    ? host.substring(1, host.length() - 1) : host;
            byte[] v6 = ipv6(inner);
            if (v6 == null) throw invalid("the host '" + printable(host) + "' is not a valid IPv6 address");
            return new Host(canonical6(v6), v6);
        }
        String lower = host.toLowerCase(Locale.ROOT);
        byte[] v4 = ipv4(lower);
        if (v4 != null) return new Host(lower, v4);
        String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        String[] labels = name.split("\\.", -1);
        if (numeric(labels[labels.length - 1])) {
            throw invalid("the host '" + printable(host) + "' is not a canonical IPv4 address (dotted decimal without"
                    + " leading zeros); octal, hexadecimal, integer and shortened forms are refused because clients"
                    + " read them differently");
        }
        if (name.isEmpty() || name.length() > 253) throw invalid("the host '" + printable(host) + "' is not a DNS name");
        for (String label : labels) {
            if (!label.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                throw invalid("the host '" + printable(host) + "' is not a DNS name or an IP address");
            }
        }
        return new Host(name, null);
    }

    /** A literal IP address (IPv6 with or without brackets), or null when {@code text} is not a canonical one. */
    static byte[] literal(String text) {
        if (text.startsWith("[") && text.endsWith("]") && text.length() > 2) return ipv6(text.substring(1, text.length() - 1));
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    /** Whether this is an IP literal (no resolution needed). */
    public boolean isLiteral() {
        return raw != null;
    }

    /** The address of a literal, null for a name. An IPv4-mapped IPv6 literal comes back as its IPv4 address. */
    public InetAddress address() {
        return address;
    }

    /** The literal's 4 or 16 bytes as written (IPv4-mapped stays 16), null for a name. */
    byte[] raw() {
        return raw == null ? null : raw.clone();
    }

    /** The name in lower case without a trailing dot, or the literal's canonical text (IPv6 without brackets). */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Host h && h.text.equals(text) && Arrays.equals(h.raw, raw);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return raw != null && raw.length == 16 ? "[" + text + "]" : text;
    }

    // ------------------------------------------------------------------------------------------------ parsers

    private static OutboundException invalid(String detail) {
        return new OutboundException(OutboundException.Reason.INVALID_URL, detail);
    }

    /** Truncated, printable ASCII: the host goes into an error message. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    /** WHATWG "ends in a number": all digits, or 0x followed by hex digits only. */
    private static boolean numeric(String label) {
        if (label.isEmpty()) return false;
        if (label.chars().allMatch(c -> c >= '0' && c <= '9')) return true;
        return label.startsWith("0x") && label.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** Canonical dotted decimal only: four parts 0-255, no leading zeros, nothing else. */
    static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return null;
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') return null;
                v = v * 10 + (c - '0');
            }
            if (v > 255) return null;
            b[i] = (byte) v;
        }
        return b;
    }

    /** RFC 4291 §2.2 text: hex groups of 1-4 digits, at most one "::", an optional trailing canonical dotted quad. */
    static byte[] ipv6(String s) {
        if (s.isEmpty() || s.length() > 45) return null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0 && c < 0x80)) return null;
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) return null;
        String[] head = pieces(dc < 0 ? s : s.substring(0, dc));
        String[] tail = dc < 0 ? new String[0] : pieces(s.substring(dc + 2));
        if (head == null || tail == null) return null;
        int[] words = new int[8];
        int[] h = words(head, dc < 0); // the dotted quad can only end the text
        int[] t = words(tail, true);
        if (h == null || t == null) return null;
        if (dc < 0 ? h.length != 8 : h.length + t.length > 7) return null;
        System.arraycopy(h, 0, words, 0, h.length);
        System.arraycopy(t, 0, words, 8 - t.length, t.length);
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (words[i] >>> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return b;
    }

    /** The colon-separated pieces of {@code s}; empty for ""; null when a piece is empty. */
    private static String[] pieces(String s) {
        if (s.isEmpty()) return new String[0];
        String[] p = s.split(":", -1);
        for (String x : p) if (x.isEmpty()) return null;
        return p;
    }

    /** 16-bit words of the pieces; the last may be a dotted quad (two words) when {@code mayEndInIpv4}. */
    private static int[] words(String[] pieces, boolean mayEndInIpv4) {
        int n = pieces.length;
        boolean v4 = n > 0 && pieces[n - 1].indexOf('.') >= 0;
        if (v4 && !mayEndInIpv4) return null;
        int[] w = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n - (v4 ? 1 : 0); i++) {
            String p = pieces[i];
            if (p.length() > 4 || p.indexOf('.') >= 0) return null;
            w[i] = Integer.parseInt(p, 16);
        }
        if (v4) {
            byte[] q = ipv4(pieces[n - 1]);
            if (q == null) return null;
            w[n - 1] = (q[0] & 0xff) << 8 | q[1] & 0xff;
            w[n] = (q[2] & 0xff) << 8 | q[3] & 0xff;
        }
        return w;
    }

    /** RFC 5952 text of 16 bytes (the longest run of two or more zero words compressed). */
    static String canonical6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }
}
