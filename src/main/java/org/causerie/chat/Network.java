package org.causerie.chat;

import java.net.InetAddress;

/**
 * An IP network, such as {@code 10.0.0.0/8} or {@code 2001:db8::/64}: what a server ban names, and what
 * the exempt and trusted-proxy options name ({@link #cidr}). For a ban ({@link #parse}), a bare IPv4
 * address is a network of one and a bare IPv6 address stands for its /64, since one IPv6 client usually
 * holds a whole /64 and could otherwise step past a ban by changing its last bits.
 */
public record Network(byte[] prefix, int bits) {
    static final int IPV6_SITE = 64;

    /** Parses a CIDR network or an address; throws {@code bad-network}. */
    public static Network parse(String text) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        InetAddress address;
        int bits;
        try {
            // A literal only, never a name to look up; IPv4 as four numbers (not the old "1.2.3" forms).
            if (!literal.matches("[0-9A-Fa-f:]*:[0-9A-Fa-f.:]*|[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                throw new IllegalArgumentException(literal);
            }
            address = InetAddress.ofLiteral(literal);
            int width = address.getAddress().length * 8;
            bits = slash >= 0 ? Integer.parseInt(text.substring(slash + 1)) : width == 128 ? IPV6_SITE : width;
            if (bits < 8 || bits > width) {
                throw new IllegalArgumentException(text);
            }
        } catch (IllegalArgumentException e) {
            throw new ChatException("bad-network", "not an address or network (like 203.0.113.7, 203.0.113.0/24"
                    + " or 2001:db8::/64; at least /8): " + text);
        }
        return new Network(mask(address.getAddress(), bits), bits);
    }

    /**
     * Parses a network as an option names it ({@code --exempt}, {@code --trusted-proxy}): CIDR, or a bare
     * address for itself alone; throws {@link IllegalArgumentException}.
     */
    public static Network cidr(String text) {
        int slash = text.indexOf('/');
        try {
            InetAddress address = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash));
            int width = address.getAddress().length * 8;
            int bits = slash < 0 ? width : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > width) {
                throw new IllegalArgumentException("bad prefix length");
            }
            return new Network(mask(address.getAddress(), bits), bits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a network (CIDR, like 10.0.0.0/8): " + text, e);
        }
    }

    /** The network a client at {@code address} is banned by, when its ban names it alone. */
    public static Network of(InetAddress address) {
        int width = address.getAddress().length * 8;
        int bits = width == 128 ? IPV6_SITE : width;
        return new Network(mask(address.getAddress(), bits), bits);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != prefix.length) {
            return false;
        }
        byte[] masked = mask(bytes, bits);
        return java.util.Arrays.equals(masked, prefix);
    }

    /** The canonical CIDR form, the same however the network was written. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // a 4- or 16-byte array is always an address
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Network n && n.bits == bits && java.util.Arrays.equals(n.prefix, prefix);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(prefix) * 31 + bits;
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] masked = address.clone();
        for (int bit = bits; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }
}
