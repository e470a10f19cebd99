package org.causerie.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback between one node and NATS, so that a test can cut that node off from the bus
 * (every connection reset, new ones refused at once) while its clients still reach it, then heal the
 * cut. It stands in for a network partition of one node: no namespace or firewall rule is needed, and
 * the other nodes keep their direct connection.
 */
public final class Relay implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    Relay(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-" + target).start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code nats://127.0.0.1:PORT} of the relay, for the node's {@code --cluster}. */
    public String url() {
        return "nats://127.0.0.1:" + port();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut, or the other side ended: both directions end
        } finally {
            reset(from);
            reset(to);
        }
    }

    /** Cuts the node off: every relayed connection is reset, and new ones are until {@link #heal}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            reset(socket);
        }
    }

    /** Lets connections through again. */
    public void heal() {
        cut = false;
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing is what matters
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
