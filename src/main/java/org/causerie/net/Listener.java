package org.causerie.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A door's accept loop: bind, listen, and a blocking accept, as in the lab. Each accepted connection is
 * counted against its address at once, before any handshake: a refused one is told why (when its door
 * can tell it) and closed on this thread, so it never costs a thread or a handshake; an admitted one
 * gets a virtual thread that opens its transport (the TLS handshake, under its deadline, on readiness)
 * and runs the door's connection. It keeps the live connections so that {@link #close} can end them all.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    /**
     * A pause after a failed accept: out of descriptors, the pending connection stays in the backlog and
     * accept fails again at once, so the loop must not spin a core (or write a line per failure).
     */
    private static final long ACCEPT_BACKOFF_NANOS = 100_000_000;
    /** Failed accepts are logged at most once per this interval, with their count. */
    private static final Duration ACCEPT_LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ServerSocket server;
    private final Admission admission;
    private final Door door;
    private final Set<ServerConnection> live = ConcurrentHashMap.newKeySet();
    /**
     * Accepted connections whose transport is still opening: the socket while a PROXY header is read, then
     * the TCP transport while its TLS handshake goes on (closing it wakes the handshake, which fails).
     */
    private final Set<java.io.Closeable> opening = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** Signals {@link #empty} when the last live connection has ended. */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition empty = lock.newCondition();
    private final Thread acceptor;
    /** Accept failures not yet logged, and when the last line was written; acceptor thread only. */
    private long acceptFailures;
    private long acceptLoggedAt;

    private Listener(ServerSocket server, Admission admission, Door door) {
        this.server = server;
        this.admission = admission;
        this.door = door;
        this.acceptor = Thread.ofPlatform().name("listener-" + server.getLocalPort()).unstarted(this::acceptLoop);
    }

    /** Binds and starts accepting plain TCP; the port is taken when this returns. */
    public static Listener start(String bind, int port, int backlog, Admission admission, Door door)
            throws IOException {
        // through a channel: its connections can be read on readiness (see Transport#plain)
        return start(java.nio.channels.ServerSocketChannel.open().socket(), bind, port, backlog, admission, door);
    }

    /** Binds {@code server}, unbound as it comes, and starts accepting; it is closed if it cannot be bound. */
    public static Listener start(ServerSocket server, String bind, int port, int backlog, Admission admission,
            Door door) throws IOException {
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(bind, port), backlog);
        } catch (java.net.BindException e) {
            server.close();
            throw new java.net.BindException("cannot listen on " + bind + ":" + port + " for " + purpose(door.name())
                    + ": " + String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        var listener = new Listener(server, admission, door);
        listener.acceptor.start();
        log.info("listening address={} port={} door={}", bind, listener.port(), door.name());
        return listener;
    }

    /**
     * A port another server (Jetty) could not bind, said as the doors say it: {@code e} is returned as it
     * is unless a {@link java.net.BindException} is its cause; Jetty names the address in its message.
     */
    public static Exception bindFailure(Exception e, String purpose) {
        if (!(e instanceof IOException) || !(e.getCause() instanceof java.net.BindException cause)) {
            return e;
        }
        String address = String.valueOf(e.getMessage()).replaceFirst("^Failed to bind to /?", "");
        return new java.net.BindException("cannot listen on " + address + " for " + purpose + ": "
                + String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT));
    }

    /** What a door's port is for, and the option that sets it, for a message an operator can act on. */
    static String purpose(String door) {
        return switch (door) {
            case "line" -> "the line protocol (--port)";
            case "line-tls" -> "TLS (--tls-port)";
            case "irc" -> "IRC (--irc-port)";
            case "irc-tls" -> "IRC over TLS (--irc-tls-port)";
            default -> "the " + door + " door";
        };
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Whether the door still accepts connections (the readiness probe asks). */
    public boolean accepting() {
        return !server.isClosed() && acceptor.isAlive();
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
                    acceptFailed(e);
                }
                continue;
            }
            InetAddress address = socket.getInetAddress();
            if (door.proxy(address)) { // a load balancer: the client it names is admitted, once it has named it
                opening.add(socket);
                start(() -> serveProxied(socket, address));
                continue;
            }
            Admission.Refusal refused = admission.admit(address, door.name());
            if (refused != null) {
                refuse(socket, refused);
                continue;
            }
            opening.add(socket);
            start(() -> serve(socket, address, null));
        }
    }

    private void start(Runnable work) {
        Thread thread = Thread.ofVirtual().name("conn").unstarted(work);
        threads.add(thread);
        thread.start();
    }

    /**
     * A trusted load balancer's connection: its PROXY header names the client, within the handshake
     * deadline; then that client is admitted (its per-address limits, and later its bans and its log
     * lines, are its own, not the balancer's) and served. A header that is missing, late or malformed
     * closes the connection with a log line; a LOCAL one (the balancer's health check) counts as the
     * balancer itself.
     */
    private void serveProxied(Socket socket, InetAddress balancer) {
        ProxyHeader.Source source;
        java.util.concurrent.Future<?> deadline = null;
        var expired = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            java.time.Duration timeout = admission.handshakeTimeout();
            if (!timeout.isZero()) {
                deadline = Deadlines.after(timeout, () -> {
                    expired.set(true);
                    closeQuietly(socket); // wakes the read below with an exception
                });
            }
            source = ProxyHeader.read(socket.getInputStream());
        } catch (IOException e) {
            String reason = expired.get() ? "no PROXY header within " + admission.handshakeTimeout().toMillis() + " ms"
                    : e.getMessage();
            org.causerie.audit.Audit.from(balancer, "proxy_header_refused", "door", door.name(), "reason", reason);
            opening.remove(socket);
            closeQuietly(socket);
            threads.remove(Thread.currentThread());
            return;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
        InetAddress client = source.local() ? balancer : source.address();
        Admission.Refusal refused = admission.admit(client, door.name());
        if (refused != null) {
            opening.remove(socket);
            refuse(socket, refused);
            threads.remove(Thread.currentThread());
            return;
        }
        serve(socket, client, source.local() ? null : source);
    }

    /**
     * The connection's thread: makes the TCP transport and has the door open it (a TLS handshake may
     * go on later, on another thread: see {@link #opened}).
     */
    private void serve(Socket socket, InetAddress address, ProxyHeader.Source proxied) {
        boolean handed = false;
        try {
            Transport tcp = Transport.plain(socket);
            if (tcp == null) {
                return;
            }
            if (proxied != null) {
                tcp.proxied(proxied.address(), proxied.port());
            }
            opening.add(tcp);
            opening.remove(socket);
            if (server.isClosed()) { // closed after its sweep of the opening: a handshake must not wait for bytes
                tcp.close();
            }
            handed = true;
            door.opening().open(tcp, transport -> opened(tcp, transport, address));
        } finally {
            opening.remove(socket);
            if (!handed) {
                admission.release(address);
            }
            threads.remove(Thread.currentThread());
        }
    }

    /**
     * The transport is open, or could not be (null), on the thread that opened it: runs the door's
     * connection, and gives back the count {@code address} holds (the client's: a proxied one's is the
     * address its balancer named) when it ends, or at once if it never runs.
     */
    private void opened(Transport tcp, Transport transport, InetAddress address) {
        opening.remove(tcp);
        boolean running = false;
        try {
            if (transport == null) {
                return;
            }
            ServerConnection connection = door.connections().apply(transport);
            live.add(connection);
            connection.onEnd(() -> ended(connection, address));
            if (server.isClosed()) { // the listener closed during the handshake, after its sweep of the live
                live.remove(connection);
                transport.close();
                return;
            }
            running = true;
            connection.run(); // returns when it ends, or (on readiness) when it first has nothing to read
        } finally {
            if (!running) {
                admission.release(address);
            }
        }
    }

    /** A connection has ended, on whichever thread ended it: its count is given back. */
    private void ended(ServerConnection connection, InetAddress address) {
        admission.release(address);
        lock.lock();
        try {
            live.remove(connection);
            if (live.isEmpty()) {
                empty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells a refused client why, if its door can, and closes it, on the acceptor thread: the line is a
     * few dozen bytes into an empty send buffer, which does not block.
     */
    private void refuse(Socket socket, Admission.Refusal refused) {
        try (socket) {
            byte[] told = door.refusal() == null ? null : door.refusal().apply(refused);
            if (told != null) {
                var out = socket.getOutputStream();
                out.write(told);
                out.flush();
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // it could not even be told: closing is all that is left
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private void awaitEmpty(long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (!live.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                empty.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Counts a failed accept, logs the count at most once per interval, and backs off. */
    private void acceptFailed(IOException e) {
        acceptFailures++;
        long now = System.nanoTime();
        if (acceptLoggedAt == 0 || now - acceptLoggedAt >= ACCEPT_LOG_INTERVAL.toNanos()) {
            log.error("accept_failed door={} reason=\"{}\" failures={} seconds={}", door.name(), e.getMessage(),
                    acceptFailures, ACCEPT_LOG_INTERVAL.toSeconds());
            acceptFailures = 0;
            acceptLoggedAt = now;
        }
        LockSupport.parkNanos(ACCEPT_BACKOFF_NANOS);
    }

    /**
     * Stops accepting and keeps the connections: the port is closed, so a load balancer's next connection
     * is refused at once and goes to another node ({@code /drain}). {@link #close} ends the connections.
     */
    public void stopAccepting() {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("listener_close_failed reason=\"{}\"", e.getMessage());
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
        for (java.io.Closeable socket : opening) { // in a handshake: nobody to tell yet
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
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
                    thread.join(Duration.ofNanos(left));
                }
            }
            awaitEmpty(deadline); // connections on readiness hold no thread: wait for them to end
            for (ServerConnection connection : live) { // past the deadline: what is left is closed as it is
                connection.close();
            }
            for (Thread thread : threads) {
                thread.join(CLOSE_WAIT);
            }
            awaitEmpty(System.nanoTime() + CLOSE_WAIT.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
