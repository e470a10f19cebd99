package org.causerie.net;

import java.net.InetAddress;

/** A CIDR network, such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
record Network(byte[] prefix, int bits) {
    static Network parse(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            InetAddress address = InetAddress.ofLiteral(slash < 0 ? cidr : cidr.substring(0, slash));
            int bits = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > address.getAddress().length * 8) {
                throw new IllegalArgumentException("not a network: " + cidr);
            }
            return new Network(address.getAddress(), bits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a network (CIDR, like 10.0.0.0/8): " + cidr, e);
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != prefix.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
