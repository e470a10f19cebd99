package org.causerie.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.Future;
import jdk.net.ExtendedSocketOptions;
import org.causerie.audit.Audit;
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
 * One client on the line protocol, over a {@link Transport}. Its virtual thread reads and runs lines top
 * to bottom, blocking; a second virtual thread drains its {@link Outbox} to the transport. The
 * {@code finally} of {@link #serve} releases everything whatever ended the session: the nickname, the
 * room seats, the socket.
 *
 * <p>First contact: the welcome goes out at once; the session is seated in the lobby only after its
 * first whole line, which runs before the seat (so a first {@code /format json} or {@code /nick} applies
 * to the join and the replay), unless it is a message, which is meant for the lobby and is said once
 * seated. A connection that has not sent a whole line within the guest timeout is told and closed, on a
 * deadline that trickled bytes do not move.
 */
public final class Connection implements ServerConnection, Peer {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private static final int KEEPALIVE_INTERVAL_SECONDS = 15;
    private static final int KEEPALIVE_PROBES = 4;
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    /** This door's name in the audit log. */
    public static final String DOOR = "line";

    private final Transport transport;
    private final Hub hub;
    private final Dispatcher dispatcher;
    private final Settings limits;
    private final Outbox outbox;
    /**
     * Why the session ends, once it must: set by /quit or fin in the reader thread, or by another
     * thread that ends this connection (a server operator, a shutdown) before it closes the input.
     */
    private volatile String quitReason;
    /** Whether a whole line has come: the end of the guest timeout. Written by the reader only. */
    private volatile boolean spoke;

    public Connection(Transport transport, Hub hub, Dispatcher dispatcher, Settings limits) {
        this.transport = transport;
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.outbox = new Outbox(limits.outboxCapacity(), this::dropTooSlow, this::close, reason -> end(reason, reason));
    }

    /** The settings a connection needs from the server's configuration. */
    public record Settings(int maxLineBytes, int outboxCapacity, java.time.Duration drainTimeout,
            org.causerie.Limits policy) {}

    /** What a client refused at the door is told, in the text format (it has chosen no other). */
    public static byte[] refusal(Admission.Refusal refused) {
        return Format.TEXT.encode(new Envelope(new Event.Error(null, refused.code(), refused.text())));
    }

    @Override
    public void run() {
        Session session = null;
        String reason = "connection closed";
        Future<?> guestDeadline = null;
        try {
            configure(transport.tcp(), limits.policy());
            outbox.open(transport.output());
            var reader = new LineReader(transport.input(), limits.maxLineBytes());
            try {
                session = hub.connect(outbox, transport.address());
            } catch (ChatException banned) { // a server ban: told why, then closed
                Audit.from(transport.address(), "conn_banned", "door", DOOR);
                outbox.send(new Envelope(new Event.Error(null, banned.code(), banned.getMessage())));
                reason = banned.getMessage();
                return;
            }
            Thread.currentThread().setName("conn-" + session.id());
            Audit.from(transport.address(), "conn_open", "door", DOOR, "transport", transport.kind(),
                    "session", session.id());
            guestDeadline = armGuestDeadline();
            reason = reader.peek() == TLS_HANDSHAKE_RECORD ? refuseTls(session) : readLines(session, reader);
        } catch (IOException e) {
            reason = quitReason != null ? quitReason : describe(e);
        } catch (InterruptedException e) {
            reason = "server stopping";
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // a bug: this session ends, the server and its other sessions go on
            log.error("conn_failed peer={}", transport.peer(), e);
            reason = "server error";
        } finally {
            if (guestDeadline != null) {
                guestDeadline.cancel(false);
            }
            if (outbox.overflowed()) {
                reason = "too slow: send queue full";
            }
            if (session != null) {
                hub.disconnect(session, reason);
            }
            outbox.finish();
            awaitDrained();
            close();
            Audit.from(transport.address(), "conn_closed", "door", DOOR, "session", session == null ? "-" : session.id(),
                    "reason", reason);
        }
    }

    /**
     * The guest timeout, as a deadline on the first whole line: bytes that trickle in without a line end
     * do not move it. When it passes, the client is told and its input shut, so the reader ends with this
     * reason; the timer thread only queues and shuts, it never blocks.
     */
    private Future<?> armGuestDeadline() {
        var timeout = limits.policy().guestTimeout();
        if (timeout.isZero()) {
            return null;
        }
        return Deadlines.after(timeout, () -> {
            if (!spoke) {
                end("no line for " + timeout.toSeconds() + " s",
                        "closing: nothing was sent for " + timeout.toSeconds() + " s after connecting");
            }
        });
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
        while (quitReason == null) {
            if (!reader.fill()) {
                return quitReason != null ? quitReason : "connection closed by peer";
            }
            String ended = Wakeups.open(() -> runBuffered(session, reader, context, rate));
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
            if (!rate.admit()) {
                return "flooding";
            }
            if (spoke) {
                dispatcher.handle(context, line);
            } else {
                spoke = true;
                dispatcher.handleFirst(context, line, () -> quitReason != null);
            }
        }
        return quitReason;
    }

    /**
     * Socket options: no Nagle delay (a chat line goes out at once), the silence allowed before the
     * first line, and keepalive probes that find a peer that vanished without a word (half-open TCP).
     */
    /** {@link #configure(Socket, org.causerie.Limits)} for another door, which sees its transport only. */
    public static void configure(Transport transport, org.causerie.Limits policy) throws IOException {
        configure(transport.tcp(), policy);
    }

    public static void configure(Socket socket, org.causerie.Limits policy) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, (int) policy.keepAliveIdle().toSeconds());
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
        } catch (UnsupportedOperationException e) {
            // not on this platform: the system's keepalive timing applies
        }
    }

    /**
     * Ends this session from another thread (a server operator, the shutdown): the client is told
     * why, its reader stops at once, and what is queued is still written before the socket closes.
     */
    @Override
    public void end(String reason, String notice) {
        quitReason = reason;
        outbox.send(new Envelope(new Event.Notice(notice)));
        try {
            transport.shutdownInput(); // the TCP input, under any TLS: the reader sees its end of stream
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    @Override
    public void format(Format format) {
        outbox.codec(format);
    }

    @Override
    public void quit(String reason) {
        quitReason = reason;
    }

    @Override
    public java.net.InetAddress address() {
        return transport.address();
    }

    /** Closes the socket now: what is queued is lost. Safe from any thread, at any time. */
    @Override
    public void close() {
        transport.close();
    }

    /** Called by a sender that found the outbox full, maybe under a room lock: hand the close to a thread. */
    private void dropTooSlow() {
        log.warn("sendq_exceeded peer={} capacity={}", transport.peer(), limits.outboxCapacity());
        org.causerie.metrics.Meters.outboxDrop("line");
        Thread.ofVirtual().name("drop-slow").start(this::close);
    }

    /** Waits until what is queued is written, then ends the output so the peer sees a clean end of stream. */
    private void awaitDrained() {
        try {
            if (outbox.awaitDrained(limits.drainTimeout().toMillis())) {
                transport.shutdownOutput();
            } else if (!outbox.overflowed()) {
                log.info("drain_timeout peer={}", transport.peer());
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
