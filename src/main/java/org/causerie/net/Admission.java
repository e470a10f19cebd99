package org.causerie.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may connect: at most {@code perAddress} connections from one IP address (but from the exempt
 * networks) and {@code total} in all. Counts are taken at accept and given back when the connection
 * ends; a refusal says why before the socket closes.
 */
public final class Admission {
    private final int perAddress;
    private final int total;
    private final List<Network> exempt = new ArrayList<>();
    /** Connections per address; every change is one atomic {@code merge}, absent means none. */
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

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

    public Admission(int perAddress, int total, List<String> exempt) {
        this.perAddress = perAddress;
        this.total = total;
        for (String cidr : exempt) {
            this.exempt.add(Network.parse(cidr));
        }
    }

    /** Whether the address is in an exempt network (a classroom behind one address): per-address limits skip it. */
    public boolean exempt(InetAddress address) {
        return exempt.stream().anyMatch(network -> network.contains(address));
    }

    /** Counts a new connection in; returns null when admitted, or the reason it is refused. */
    String admit(InetAddress address) {
        if (all.incrementAndGet() > total) {
            all.decrementAndGet();
            return "the server is full (" + total + " connections); try again later";
        }
        if (exempt(address)) {
            return null;
        }
        int from = byAddress.merge(address, 1, Integer::sum);
        if (from > perAddress) {
            release(address);
            return "too many connections from your address (" + perAddress + ")";
        }
        return null;
    }

    /** Gives back what {@link #admit} took for a connection that has ended. */
    void release(InetAddress address) {
        all.decrementAndGet();
        if (exempt(address)) {
            return;
        }
        byAddress.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
    }
}
