package org.causerie.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The server under test, and where the bots connect from. One source address has about 28,000 ephemeral
 * ports (32768-60999 on Linux), so bot {@code i} connects from loopback address
 * {@code 127.0.0.(1 + i / perSource)}: 100,000 bots need four of them. The first {@code perSource}
 * bots let the kernel choose, as any client would.
 *
 * @param host                 the server's address
 * @param port                 the server's port
 * @param perSource            bots per loopback source address
 * @param connectTimeoutMillis how long one connect may take before it counts as failed
 */
record Target(String host, int port, int perSource, int connectTimeoutMillis) {

    Target {
        if (port < 1 || port > 65535 || perSource < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("bad target " + host + ":" + port);
        }
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
        return host + ":" + port;
    }
}
