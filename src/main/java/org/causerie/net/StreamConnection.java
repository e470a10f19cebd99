package org.causerie.net;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.Future;
import org.causerie.audit.Audit;
import org.causerie.chat.ChatException;
import org.causerie.chat.Session;
import org.causerie.chat.Wakeups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection type of the stream doors (line, IRC, plain or TLS): a {@link Transport} for bytes,
 * a {@link Protocol} for what the door does with its lines. It owns what every door must get right the
 * same way: the read loop (framing through {@link LineReader}, a burst of lines run in one batch of
 * wake-ups, the flood rule, the reader slowed while its outbox is full), the {@link Outbox} and its
 * writer, the guest deadline on first contact, and one {@code finally} that ends the session once, with
 * its reason, whatever ended it: the hub is left, what is queued is written (bounded), the socket closes.
 *
 * <p>Threads: {@link #run} is the connection's reader (a virtual thread from the listener); the outbox
 * has its own writer while there is output; {@link #end}, {@link #quit} and {@link #close} may be called
 * from any thread.
 */
public final class StreamConnection implements ServerConnection, Link {
    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    private static final byte[] PROXY_V1 = "PROXY ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Transport transport;
    private final Connection.Settings settings;
    private final Protocol protocol;
    private final Outbox outbox;
    /**
     * Why the session ends, once it must: set by the door (/quit, QUIT) in the reader thread, or by another
     * thread that ends this connection (an operator, a shutdown, the guest deadline) before it shuts the input.
     */
    private volatile String quitReason;

    /** {@code protocol} is made with this stream, so it takes it as a function of it. */
    public StreamConnection(Transport transport, Connection.Settings settings,
            java.util.function.Function<StreamConnection, Protocol> protocol) {
        this.transport = transport;
        this.settings = settings;
        this.outbox = new Outbox(settings.outboxCapacity(), this::dropTooSlow, this::close, reason -> end(reason, reason));
        this.protocol = protocol.apply(this);
    }

    /** The bounded queue of what this client is sent; the door's sink queues to it. */
    @Override
    public Outbox outbox() {
        return outbox;
    }

    public Transport transport() {
        return transport;
    }

    public Connection.Settings settings() {
        return settings;
    }

    /** Whether the session must end (the reason is set); the door's long work may check it. */
    @Override
    public boolean quitting() {
        return quitReason != null;
    }

    @Override
    public void run() {
        Session session = null;
        Protocol.Reasons words = protocol.reasons();
        String reason = words.closed();
        Future<?> guestDeadline = null;
        try {
            Connection.configure(transport, settings.policy());
            outbox.open(transport.output());
            var reader = new LineReader(transport.input(), protocol.maxLineBytes());
            try {
                session = protocol.enter(this);
            } catch (ChatException banned) { // a server ban: told why, then closed
                Audit.from(transport.address(), "conn_banned", "door", protocol.door());
                protocol.banned(banned);
                reason = banned.getMessage();
                return;
            }
            Thread.currentThread().setName(protocol.threadPrefix() + "-" + session.id());
            Audit.from(transport.address(), "conn_open", "door", protocol.door(), "transport", transport.kind(),
                    "session", session.id());
            guestDeadline = armGuestDeadline();
            int first = reader.peek();
            if (first == TLS_HANDSHAKE_RECORD) {
                reason = protocol.tlsOnPlainPort(session);
            } else if (reader.startsWith(PROXY_V1) || reader.startsWith(ProxyHeader.V2_SIGNATURE)) {
                reason = untrustedProxy();
            } else {
                reason = readLines(session, reader);
            }
        } catch (IOException e) {
            reason = quitReason != null ? quitReason : protocol.describe(e);
        } catch (InterruptedException e) {
            reason = words.stopping();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // a bug: this session ends, the server and its other sessions go on
            log.error("conn_failed door={} peer={}", protocol.door(), transport.peer(), e);
            reason = words.error();
        } finally {
            if (guestDeadline != null) {
                guestDeadline.cancel(false);
            }
            if (quitReason == null) {
                quitReason = reason; // the door's own deadlines (IRC's PING) stop here
            }
            if (outbox.overflowed()) {
                reason = words.tooSlow();
            }
            protocol.left(session, reason);
            outbox.finish();
            awaitDrained();
            close();
            Audit.from(transport.address(), "conn_closed", "door", protocol.door(),
                    "session", session == null ? "-" : session.id(), "reason", reason);
        }
    }

    /**
     * The guest timeout, as a deadline on first contact: bytes that trickle in without completing it do
     * not move it. When it passes, the client is told and its input shut, so the reader ends with this
     * reason; the timer thread only queues and shuts, it never blocks.
     */
    private Future<?> armGuestDeadline() {
        var timeout = settings.policy().guestTimeout();
        if (timeout.isZero()) {
            return null;
        }
        return Deadlines.after(timeout, () -> {
            if (!protocol.contacted()) {
                end(protocol.guestReason(timeout), protocol.guestNotice(timeout));
            }
        });
    }

    /**
     * A PROXY header from a peer that is not a trusted load balancer: a client trying to choose the
     * address it is counted, banned and logged as. It is never believed; the connection is closed.
     */
    private String untrustedProxy() {
        Audit.from(transport.address(), "proxy_header_refused", "door", protocol.door(),
                "reason", "a PROXY header from a peer not in --trusted-proxy");
        return "PROXY header from an untrusted peer";
    }

    /**
     * The read loop: returns why the session ended. It blocks in one place, {@link LineReader#fill},
     * outside any batch of wake-ups; the lines one read brought are then run in one batch (see
     * {@link Wakeups}), so that a member's writer is woken once for all of them.
     */
    private String readLines(Session session, LineReader reader) throws IOException, InterruptedException {
        var rate = new Flood(settings.policy(), session);
        while (quitReason == null) {
            if (!reader.fill()) {
                return quitReason != null ? quitReason : protocol.reasons().peerClosed();
            }
            protocol.heard();
            String ended = Wakeups.open(() -> runBuffered(reader, rate));
            protocol.afterBurst();
            if (ended != null) {
                return ended;
            }
        }
        return quitReason;
    }

    /** Runs the whole lines buffered; returns why the session must end, or null to read on. */
    private String runBuffered(LineReader reader, Flood rate) throws InterruptedException {
        while (quitReason == null) {
            outbox.awaitSpace();
            String line;
            try {
                line = reader.poll();
            } catch (ChatException refused) {
                protocol.refused(refused);
                continue;
            }
            if (line == null) {
                return null;
            }
            if (!rate.admit()) {
                return protocol.reasons().flooding();
            }
            String ended = protocol.line(line);
            if (ended != null) {
                return ended;
            }
        }
        return quitReason;
    }

    /**
     * Ends this session from another thread (a server operator, the shutdown, a deadline): the client is
     * told why, its reader stops at once, and what is queued is still written before the socket closes.
     */
    @Override
    public void end(String reason, String notice) {
        quitReason = reason;
        protocol.notice(notice);
        try {
            transport.shutdownInput(); // the TCP input, under any TLS: the reader sees its end of stream
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** Ends the session after the line being run (/quit, QUIT). */
    @Override
    public void quit(String reason) {
        quitReason = reason;
    }

    @Override
    public InetAddress address() {
        return transport.address();
    }

    /** Closes the socket now: what is queued is lost. Safe from any thread, at any time. */
    @Override
    public void close() {
        transport.close();
    }

    /** Called by a sender that found the outbox full, maybe under a room lock: hand the close to a thread. */
    private void dropTooSlow() {
        log.warn("sendq_exceeded door={} peer={} capacity={}", protocol.door(), transport.peer(),
                settings.outboxCapacity());
        org.causerie.metrics.Meters.outboxDrop(protocol.door());
        Thread.ofVirtual().name("drop-slow").start(this::close);
    }

    /** Waits until what is queued is written, then ends the output so the peer sees a clean end of stream. */
    private void awaitDrained() {
        try {
            if (outbox.awaitDrained(settings.drainTimeout().toMillis())) {
                transport.shutdownOutput();
            } else if (!outbox.overflowed()) {
                log.info("drain_timeout door={} peer={}", protocol.door(), transport.peer());
            }
        } catch (IOException e) {
            // the peer is gone already: closing is all that is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
