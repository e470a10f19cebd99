package org.causerie.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A door's accept loop: bind, listen, and a blocking accept, as in the lab, then one virtual thread per
 * connection. It keeps the live connections so that {@link #close} can end them all.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    /** A pause after a failed accept, so that running out of descriptors does not spin a core. */
    private static final long ACCEPT_BACKOFF_NANOS = 10_000_000;

    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(5);

    private final ServerSocket server;
    private final Function<Socket, ? extends ServerConnection> connections;
    private final Set<ServerConnection> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private Listener(ServerSocket server, Function<Socket, ? extends ServerConnection> connections) {
        this.server = server;
        this.connections = connections;
        this.acceptor = Thread.ofPlatform().name("listener-" + server.getLocalPort()).unstarted(this::acceptLoop);
    }

    /** Binds and starts accepting; the port is taken when this returns. */
    public static Listener start(String bind, int port, int backlog, Function<Socket, ? extends ServerConnection> connections)
            throws IOException {
        return start(new ServerSocket(), bind, port, backlog, connections);
    }

    /**
     * Binds {@code server}, unbound as it comes, and starts accepting; it is closed if it cannot be
     * bound. A server socket that hands out {@link SSLSocket}s makes a TLS door: each handshake then runs
     * on its connection's thread before the connection does.
     */
    public static Listener start(ServerSocket server, String bind, int port, int backlog,
            Function<Socket, ? extends ServerConnection> connections) throws IOException {
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(bind, port), backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        var listener = new Listener(server, connections);
        listener.acceptor.start();
        log.info("listening address={} port={}", bind, listener.port());
        return listener;
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return live.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    // Out of file descriptors, most likely: the loop must outlive it, the clients retry.
                    log.error("accept_failed reason=\"{}\"", e.getMessage());
                    LockSupport.parkNanos(ACCEPT_BACKOFF_NANOS);
                }
                continue;
            }
            ServerConnection connection = connections.apply(socket);
            Thread thread = Thread.ofVirtual().name("conn").unstarted(() -> {
                try {
                    if (!(socket instanceof SSLSocket tls) || Tls.handshake(tls)) {
                        connection.run();
                    }
                } finally {
                    live.remove(connection);
                    threads.remove(Thread.currentThread());
                }
            });
            live.add(connection);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops accepting, closes every connection and waits (bounded) for their threads to finish. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("listener_close_failed reason=\"{}\"", e.getMessage());
        }
        for (ServerConnection connection : live) { // each writes what it has queued, then closes
            connection.end("server shutting down", "the server is shutting down");
        }
        try {
            acceptor.join(CLOSE_WAIT);
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(java.time.Duration.ofNanos(left));
                }
            }
            for (ServerConnection connection : live) { // past the deadline: what is left is closed as it is
                connection.close();
            }
            for (Thread thread : threads) {
                thread.join(CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
