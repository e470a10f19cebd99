package org.causerie.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.causerie.client.Address;

/**
 * The server under test, and where the bots connect from. One source address has about 28,000 ephemeral
 * ports (32768-60999 on Linux), so bot {@code i} connects from loopback address
 * {@code 127.0.0.(1 + i / perSource)}: 100,000 bots need four of them. The first {@code perSource}
 * bots let the kernel choose, as any client would.
 *
 * <p>With several servers (the nodes of a cluster, {@code --host a,b,c}), bot {@code i} connects to
 * server {@code i mod n}: the bots are spread evenly, and senders and members of a room sit on every node.
 *
 * @param servers              the servers' addresses, at least one
 * @param perSource            bots per loopback source address
 * @param connectTimeoutMillis how long one connect may take before it counts as failed
 * @param tls                  whether the bots speak TLS (trusting any certificate: a load generator on
 *                             loopback checks nothing)
 */
record Target(List<Address> servers, int perSource, int connectTimeoutMillis, boolean tls) {

    Target {
        if (servers.isEmpty() || perSource < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("bad target " + servers);
        }
        servers = List.copyOf(servers);
    }

    /** Plain TCP. */
    Target(List<Address> servers, int perSource, int connectTimeoutMillis) {
        this(servers, perSource, connectTimeoutMillis, false);
    }

    /** One server, plain TCP. */
    Target(String host, int port, int perSource, int connectTimeoutMillis) {
        this(List.of(new Address(host, port)), perSource, connectTimeoutMillis);
    }

    /** The first server's host: the one whose memory and counters are read. */
    String host() {
        return servers.getFirst().host();
    }

    int port() {
        return servers.getFirst().port();
    }

    /** The server bot {@code index} connects to. */
    InetSocketAddress server(int index) {
        Address address = servers.get(Math.floorMod(index, servers.size()));
        return new InetSocketAddress(address.host(), address.port());
    }

    /** The address bot {@code index} binds to before connecting, or null to let the kernel choose. */
    InetAddress source(int index) throws UnknownHostException {
        int block = index / perSource;
        if (block == 0) {
            return null;
        }
        if (block > 253) {
            throw new IllegalArgumentException("more bots than 254 loopback addresses can hold");
        }
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + block)});
    }

    @Override
    public String toString() {
        return String.join(",", servers.stream().map(Address::toString).toList());
    }
}
