package org.causerie;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback in front of {@code target}, so that a test can cut what goes through it at once,
 * as a network drop would: a browser's connections to the server, or one node's to NATS (a partition of
 * that node with no namespace or firewall rule), while everything else goes on. {@link #cut} resets every
 * relayed connection and refuses new ones until {@link #heal}; a connection that ends on its own is
 * closed normally.
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    public TcpRelay(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-" + target).start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
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
                close(client, true);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            } catch (IOException e) {
                close(client, true);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut, or the other side ended: both directions end
        } finally {
            close(from, false);
            close(to, false);
        }
    }

    /** Drops every relayed connection now, with a reset rather than a goodbye, and refuses new ones. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            close(socket, true);
        }
    }

    /** Lets connections through again. */
    public void heal() {
        cut = false;
    }

    private void close(Socket socket, boolean reset) {
        open.remove(socket);
        try {
            if (reset) {
                socket.setSoLinger(true, 0);
            }
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
