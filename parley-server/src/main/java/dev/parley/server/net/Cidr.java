package dev.parley.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a block of one). The
 * address must be a canonical literal ({@link Host}); host bits below the prefix are cleared. An IPv4 address and its
 * IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d}) are the same address to {@link #contains}. Immutable.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        int full = prefix / 8, rest = prefix % 8;
        if (full < network.length) {
            network[full] &= (byte) (0xff << (8 - rest));
            for (int i = full + 1; i < network.length; i++) network[i] = 0;
        }
    }

    /**
     * Parses {@code address/prefix} or a bare address.
     *
     * @throws IllegalArgumentException when it is not a canonical literal with a prefix in range
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] b = Host.literal(addr);
        if (b == null) throw new IllegalArgumentException("'" + text + "' is not a canonical IP address or CIDR block");
        int bits = b.length * 8, prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
            }
            prefix = Integer.parseInt(p);
        }
        return new Cidr(b, prefix);
    }

    /** Whether {@code a} lies in this block (IPv4 and IPv4-mapped IPv6 compare as one). */
    public boolean contains(InetAddress a) {
        return contains(a.getAddress());
    }

    boolean contains(byte[] b) {
        if (b.length != network.length) {
            if (network.length == 4 && isMapped(b)) b = Arrays.copyOfRange(b, 12, 16);
            else if (network.length == 16 && b.length == 4) b = mapped(b);
            else return false;
        }
        int full = prefix / 8, rest = prefix % 8;
        for (int i = 0; i < full; i++) if (b[i] != network[i]) return false;
        return rest == 0 || ((b[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
    }

    public int prefix() {
        return prefix;
    }

    /** The first address of the block. */
    public InetAddress first() {
        return at(network.clone());
    }

    /** The last address of the block. */
    public InetAddress last() {
        byte[] b = network.clone();
        int full = prefix / 8, rest = prefix % 8;
        if (full < b.length) {
            b[full] |= (byte) (0xff >>> rest);
            for (int i = full + 1; i < b.length; i++) b[i] = (byte) 0xff;
        }
        return at(b);
    }

    byte[] network() {
        return network.clone();
    }

    /** 16 bytes (IPv6) or 4 (IPv4). */
    int length() {
        return network.length;
    }

    static boolean isMapped(byte[] b) {
        if (b.length != 16) return false;
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    private static InetAddress at(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        String a = network.length == 4 ? (network[0] & 0xff) + "." + (network[1] & 0xff) + "." + (network[2] & 0xff)
                + "." + (network[3] & 0xff) : Host.canonical6(network);
        return a + "/" + prefix;
    }
}
