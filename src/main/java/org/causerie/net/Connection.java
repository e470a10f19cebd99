package org.causerie.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import jdk.net.ExtendedSocketOptions;
import org.causerie.chat.Envelope;
import org.causerie.chat.ChatException;
import org.causerie.chat.Event;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
import org.causerie.chat.Wakeups;
import org.causerie.command.Context;
import org.causerie.command.Dispatcher;
import org.causerie.command.Peer;
import org.causerie.protocol.Format;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client on the line protocol. Its virtual thread reads and runs lines top to bottom, blocking;
 * a second virtual thread drains its {@link Outbox} to the socket. The {@code finally} of {@link #run}
 * releases everything whatever ended the session: the nickname, the room seats, the socket.
 */
public final class Connection implements Runnable, Peer {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private static final int KEEPALIVE_INTERVAL_SECONDS = 15;
    private static final int KEEPALIVE_PROBES = 4;
    private static final int REFUSAL_WRITE_MILLIS = 2_000;
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final Socket socket;
    private final Hub hub;
    private final Dispatcher dispatcher;
    private final Settings limits;
    private final Outbox outbox;
    /**
     * Why the session ends, once it must: set by /quit or fin in the reader thread, or by another
     * thread that ends this connection (a server operator, a shutdown) before it closes the input.
     */
    private volatile String quitReason;
    /** Whether a whole line has come: the end of the guest timeout. Reader thread only. */
    private boolean spoke;

    public Connection(Socket socket, Hub hub, Dispatcher dispatcher, Settings limits) {
        this.socket = socket;
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.outbox = new Outbox(limits.outboxCapacity(), this::dropTooSlow, this::close, reason -> end(reason, reason));
    }

    /** The settings a connection needs from the server's configuration; the admission is shared. */
    public record Settings(int maxLineBytes, int outboxCapacity, java.time.Duration drainTimeout,
            org.causerie.Limits policy, Admission admission) {}

    @Override
    public void run() {
        String refused = limits.admission().admit(socket.getInetAddress());
        if (refused != null) {
            refuse(refused);
            return;
        }
        try {
            serve();
        } finally {
            limits.admission().release(socket.getInetAddress());
        }
    }

    private void serve() {
        Session session = null;
        String reason = "connection closed";
        try {
            configure(socket, limits.policy());
            outbox.open(socket.getOutputStream());
            var reader = new LineReader(socket.getInputStream(), limits.maxLineBytes());
            try {
                session = hub.connect(outbox, socket.getInetAddress());
            } catch (ChatException banned) { // a server ban: told why, then closed
                org.causerie.audit.Audit.from(socket.getInetAddress(), "conn_banned");
                outbox.send(new Envelope(new Event.Error(null, banned.code(), banned.getMessage())));
                reason = banned.getMessage();
                return;
            }
            Thread.currentThread().setName("conn-" + session.id());
            log.debug("conn_open id={} peer={}", session.id(), socket.getRemoteSocketAddress());
            reason = reader.peek() == TLS_HANDSHAKE_RECORD ? refuseTls(session) : readLines(session, reader);
        } catch (SocketTimeoutException e) {
            reason = "no line for " + limits.policy().guestTimeout().toSeconds() + " s";
            if (session != null) {
                session.send(new Event.Notice("closing: nothing was sent for "
                        + limits.policy().guestTimeout().toSeconds() + " s after connecting"));
            }
        } catch (IOException e) {
            reason = quitReason != null ? quitReason : describe(e);
        } catch (InterruptedException e) {
            reason = "server stopping";
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // a bug: this session ends, the server and its other sessions go on
            log.error("conn_failed peer={}", socket.getRemoteSocketAddress(), e);
            reason = "server error";
        } finally {
            if (outbox.overflowed()) {
                reason = "too slow: send queue full";
            }
            if (session != null) {
                hub.disconnect(session, reason);
            }
            outbox.finish();
            awaitDrained();
            close();
            log.debug("conn_closed id={} reason=\"{}\"", session == null ? "-" : session.id(), reason);
        }
    }

    /**
     * A client whose first byte opens a TLS handshake (a ClientHello record starts with 0x16) is a TLS
     * client on the plain port, which is better told than fed {@code bad-character} errors.
     */
    private static String refuseTls(Session session) {
        session.send(new Event.Error(null, "tls-on-plain-port",
                "this port speaks plain text, not TLS: connect to the server's TLS port"));
        return "TLS on the plain port";
    }

    /**
     * The read loop: returns why the session ended. It blocks in one place, {@link LineReader#fill},
     * outside any batch of wake-ups; the lines one read brought are then run in one batch (see
     * {@link Wakeups}), so that a member's writer is woken once for all of them.
     */
    private String readLines(Session session, LineReader reader) throws IOException, InterruptedException {
        var context = new Context(session, hub, this, dispatcher.commands(), null);
        var rate = new Flood(limits.policy(), session);
        boolean silenceLifted = false;
        while (quitReason == null) {
            if (!reader.fill()) {
                return quitReason != null ? quitReason : "connection closed by peer";
            }
            String ended = Wakeups.open(() -> runBuffered(session, reader, context, rate));
            if (spoke && !silenceLifted) {
                socket.setSoTimeout(0); // a whole line came: the guest timeout is over
                silenceLifted = true;
            }
            if (ended != null) {
                return ended;
            }
        }
        return quitReason;
    }

    /** Runs the whole lines buffered; returns why the session must end, or null to read on. */
    private String runBuffered(Session session, LineReader reader, Context context, Flood rate)
            throws InterruptedException {
        while (quitReason == null) {
            outbox.awaitSpace();
            String line;
            try {
                line = reader.poll();
            } catch (ChatException refused) {
                session.send(new Event.Error(null, refused.code(), refused.getMessage()));
                continue;
            }
            if (line == null) {
                return null;
            }
            spoke = true;
            if (!rate.admit()) {
                return "flooding";
            }
            dispatcher.handle(context, line);
        }
        return quitReason;
    }

    /**
     * Socket options: no Nagle delay (a chat line goes out at once), the silence allowed before the
     * first line, and keepalive probes that find a peer that vanished without a word (half-open TCP).
     */
    static void configure(Socket socket, org.causerie.Limits policy) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        if (!policy.guestTimeout().isZero()) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, policy.guestTimeout().toMillis()));
        }
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, (int) policy.keepAliveIdle().toSeconds());
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
        } catch (UnsupportedOperationException e) {
            // not on this platform: the system's keepalive timing applies
        }
    }

    /** Tells a connection that may not come in why, then closes it; no session was made. */
    private void refuse(String why) {
        log.info("conn_refused peer={} reason=\"{}\"", socket.getRemoteSocketAddress(), why);
        try (socket) {
            socket.setSoTimeout(REFUSAL_WRITE_MILLIS);
            var out = socket.getOutputStream();
            out.write(Format.TEXT.encode(new Envelope(new Event.Error(null, "too-many-connections", why))));
            out.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            // it could not even be told: closing is all that is left
        }
    }

    /**
     * Ends this session from another thread (a server operator, the shutdown): the client is told
     * why, its reader stops at once, and what is queued is still written before the socket closes.
     */
    public void end(String reason, String notice) {
        quitReason = reason;
        outbox.send(new Envelope(new Event.Notice(notice)));
        try {
            socket.shutdownInput();
        } catch (javax.net.ssl.SSLException e) {
            // a TLS socket shuts its input all the same, then complains that no close_notify came
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    @Override
    public void format(Format format) {
        outbox.format(format);
    }

    @Override
    public void quit(String reason) {
        quitReason = reason;
    }

    @Override
    public java.net.InetAddress address() {
        return socket.getInetAddress();
    }

    /** Closes the socket now: what is queued is lost. Safe from any thread, at any time. */
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted; there is nobody left to tell
        }
    }

    /** Called by a sender that found the outbox full, maybe under a room lock: hand the close to a thread. */
    private void dropTooSlow() {
        log.warn("sendq_exceeded peer={} capacity={}", socket.getRemoteSocketAddress(), limits.outboxCapacity());
        Thread.ofVirtual().name("drop-slow").start(this::close);
    }

    /** Waits until what is queued is written, then ends the output so the peer sees a clean end of stream. */
    private void awaitDrained() {
        try {
            if (outbox.awaitDrained(limits.drainTimeout().toMillis())) {
                socket.shutdownOutput();
            } else if (!outbox.overflowed()) {
                log.info("drain_timeout peer={}", socket.getRemoteSocketAddress());
            }
        } catch (IOException e) {
            // the peer is gone already: closing is all that is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (message.contains("reset")) {
            return "connection reset";
        }
        if (e instanceof SocketException && message.contains("closed")) {
            return "connection closed";
        }
        return "connection error: " + (message.isEmpty() ? e.getClass().getSimpleName() : message);
    }
}
