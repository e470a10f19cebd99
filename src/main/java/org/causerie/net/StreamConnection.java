package org.causerie.net;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ReadableByteChannel;
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
    private static final byte[] TLS_RECORD = {0x16};
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
    /**
     * The reader's state, handed from one burst's thread to the next through the readiness registration
     * (which orders them): one thread at a time touches these.
     */
    private LineReader reader;
    private Session session;
    private Flood rate;
    private Future<?> guestDeadline;
    /** Whether the first bytes have been looked at (TLS on the plain port, an untrusted PROXY header). */
    private boolean looked;
    /**
     * The connection waits on readiness, holding no thread: whoever sets it false starts the next burst.
     * Changed through {@link #WAITING} (a field and a handle, not an AtomicBoolean: 16 B less a connection).
     */
    private volatile boolean waiting;
    /** Set once, through {@link #FINISHED}, by whoever ends the session. */
    private volatile boolean finished;
    private static final java.lang.invoke.VarHandle WAITING;
    private static final java.lang.invoke.VarHandle FINISHED;

    static {
        try {
            var lookup = java.lang.invoke.MethodHandles.lookup();
            WAITING = lookup.findVarHandle(StreamConnection.class, "waiting", boolean.class);
            FINISHED = lookup.findVarHandle(StreamConnection.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Set by the listener before {@link #run}. */
    private volatile Runnable onEnd;

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
        Protocol.Reasons words = protocol.reasons();
        String reason = words.closed();
        try {
            Connection.configure(transport, settings.policy());
            outbox.open(transport.output());
            reader = transport.channel() != null ? new LineReader(protocol.maxLineBytes())
                    : new LineReader(transport.input(), protocol.maxLineBytes());
            try {
                session = protocol.enter(this);
            } catch (ChatException banned) { // a server ban: told why, then closed
                Audit.from(transport.address(), "conn_banned", "door", protocol.door());
                protocol.banned(banned);
                reason = banned.getMessage();
                finish(reason);
                return;
            }
            Thread.currentThread().setName(protocol.threadPrefix() + "-" + session.id());
            Audit.from(transport.address(), "conn_open", "door", protocol.door(), "transport", transport.kind(),
                    "session", session.id());
            guestDeadline = armGuestDeadline();
            rate = new Flood(settings.policy(), session);
        } catch (IOException e) {
            finish(quitReason != null ? quitReason : protocol.describe(e));
            return;
        } catch (RuntimeException e) { // a bug: this session ends, the server and its other sessions go on
            log.error("conn_failed door={} peer={}", protocol.door(), transport.peer(), e);
            finish(words.error());
            return;
        }
        burst();
    }

    /**
     * Reads and runs what has come, on the thread that runs it: the listener's first (or the one that
     * finished a TLS handshake), then one started by {@link Readiness} each time bytes come to a
     * connection that had none. A transport on readiness (plain or TLS) returns as soon as it has nothing
     * to read, its buffers given back, and its thread ends: an idle connection then holds none. A
     * blocking transport (a socket without a channel) never returns from its first burst until the
     * session ends. Whatever ends the session ends it here, once.
     */
    /**
     * How many times a burst's reader that finds nothing yields its carrier and reads again before it
     * lets its thread go: a busy client's next line is often there by then, and reading it on the same
     * thread costs a system call where waiting on readiness costs a selector wake-up and a new thread.
     * 4 took server CPU per delivery at 100 members from 487 to 404 ns (docs/performance.md).
     */
    static final int LINGER = 4;

    private void burst() {
        Protocol.Reasons words = protocol.reasons();
        String reason;
        try {
            reason = readLines();
            if (reason == null) { // nothing to read now: wait on readiness, holding no thread
                release();
                waiting = true;
                try {
                    transport.awaitReadable(this::resume);
                    return;
                } catch (IOException closed) {
                    if (!WAITING.compareAndSet(this, true, false)) {
                        return; // closed meanwhile, and close() has started the burst that ends it
                    }
                    throw closed;
                }
            }
        } catch (IOException e) {
            reason = quitReason != null ? quitReason : protocol.describe(e);
        } catch (InterruptedException e) {
            reason = words.stopping();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // a bug: this session ends, the server and its other sessions go on
            log.error("conn_failed door={} peer={}", protocol.door(), transport.peer(), e);
            reason = words.error();
        }
        release();
        finish(reason);
    }

    /** Gives back what the burst was lent: the read buffer, TLS's record buffers. */
    private void release() {
        reader.release();
        transport.release();
    }

    /**
     * Bytes came (on the readiness thread), or the socket was closed (on the closer's): a virtual thread
     * reads them, or finds the end. Only the caller that takes the wait over starts one.
     */
    private void resume() {
        if (WAITING.compareAndSet(this, true, false)) {
            Thread.ofVirtual().name(protocol.threadPrefix() + "-" + session.id()).start(this::burst);
        }
    }

    /** Ends the session once: the hub is left, what is queued is written (bounded), the socket closes. */
    private void finish(String why) {
        if (!FINISHED.compareAndSet(this, false, true)) {
            return;
        }
        String reason = why;
        if (guestDeadline != null) {
            guestDeadline.cancel(false);
        }
        if (quitReason == null) {
            quitReason = reason; // the door's own deadlines (IRC's PING) stop here
        }
        if (outbox.overflowed()) {
            reason = protocol.reasons().tooSlow();
        }
        try {
            protocol.left(session, reason);
            outbox.finish();
            awaitDrained();
        } finally {
            close();
            Audit.from(transport.address(), "conn_closed", "door", protocol.door(),
                    "session", session == null ? "-" : session.id(), "reason", reason);
            Runnable then = onEnd;
            if (then != null) {
                then.run();
            }
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
     * The read loop: returns why the session ended, or null when a transport on readiness has nothing
     * more to read now. A blocking transport blocks in one place, {@link LineReader#fill()}, outside any
     * batch of wake-ups; the lines one read brought are then run in one batch (see {@link Wakeups}), so
     * that a member's writer is woken once for all of them. The first bytes are looked at once: a TLS
     * ClientHello or a PROXY header here ends the session.
     */
    private String readLines() throws IOException, InterruptedException {
        ReadableByteChannel channel = transport.channel();
        int lingered = 0;
        while (quitReason == null) {
            int read = channel != null ? reader.fill(channel) : reader.fill() ? 1 : -1;
            if (read == 0) {
                if (lingered++ == LINGER) {
                    return null;
                }
                Thread.yield(); // linger: let the writers run, then look again (see LINGER)
                continue;
            }
            lingered = 0;
            if (read < 0) {
                return quitReason != null ? quitReason : protocol.reasons().peerClosed();
            }
            if (!looked) {
                looked = true;
                if (reader.startsWith(TLS_RECORD)) {
                    return protocol.tlsOnPlainPort(session);
                }
                if (reader.startsWith(PROXY_V1) || reader.startsWith(ProxyHeader.V2_SIGNATURE)) {
                    return untrustedProxy();
                }
            }
            protocol.heard();
            String ended = Wakeups.open(this::runBuffered);
            protocol.afterBurst();
            if (ended != null) {
                return ended;
            }
        }
        return quitReason;
    }

    /** Runs the whole lines buffered; returns why the session must end, or null to read on. */
    private String runBuffered() throws InterruptedException {
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

    /** Runs {@code action} once, when the connection has ended and released everything. */
    @Override
    public void onEnd(Runnable action) {
        onEnd = action;
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

    /**
     * Closes the socket now: what is queued is lost. Safe from any thread, at any time. A connection
     * waiting on readiness has no reader to see the close (a closed channel is never ready): one is
     * started, which finds it and ends the session.
     */
    @Override
    public void close() {
        transport.close();
        resume();
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
