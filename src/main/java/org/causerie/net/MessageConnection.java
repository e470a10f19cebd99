package org.causerie.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
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
 * One client on a message transport (a WebSocket): each message in is one line of the protocol, each
 * event out is one message, in JSON from the first. The session machinery is the line door's: the same
 * {@link LineProtocol} (first contact, dispatcher, words), admission per address, {@link Outbox} and
 * flood rule; only the framing and the driving differ, since Jetty reads the frames and calls in.
 *
 * <p>Threads: the transport calls {@link #line} for one message at a time and asks for the next only
 * when it returns (so a client that floods is slowed by its own transport, as TCP slows the line door);
 * {@link #line} may block (on the outbox's room, on the flood rule), so it must run on a virtual thread.
 * The outbox's writer calls {@link Transport#send}. {@link #closed} runs once, from whichever thread
 * saw the end, and releases everything.
 */
public final class MessageConnection implements Peer, Link {
    private static final Logger log = LoggerFactory.getLogger(MessageConnection.class);

    /** What the connection needs of its transport: bytes only. */
    public interface Transport {
        /**
         * Sends each message (UTF-8 text, without its line end) as one text frame, in order, and returns once
         * they are written; blocks. The buffers are the caller's copies: the transport may keep them.
         */
        void send(List<java.nio.ByteBuffer> messages) throws IOException;

        /** Closes the transport; safe from any thread, at any time, more than once. */
        void close(String reason);
    }

    private final Transport transport;
    private final Dispatcher dispatcher;
    private final Connection.Settings limits;
    private final Admission admission;
    private final InetAddress address;
    private final String door;
    private final Outbox outbox;
    /** The line protocol, the same as the TCP door's: first contact, the dispatcher, the words. */
    private final LineProtocol protocol;
    private Session session;
    private Flood rate;
    /** Why the session must end, once it must; set by /quit, by the outbox, or from outside. */
    private volatile String quitReason;
    private boolean ended;

    /** {@code admission} is the one every door counts against. */
    public MessageConnection(Transport transport, Hub hub, Dispatcher dispatcher, Connection.Settings limits,
            Admission admission, InetAddress address, String door) {
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.admission = admission;
        this.address = address;
        this.door = door;
        this.outbox = new Outbox(limits.outboxCapacity(), this::dropTooSlow, () -> transport.close("broken"),
                reason -> end(reason, reason));
        this.protocol = new LineProtocol(hub, dispatcher, limits.maxLineBytes(), this, door, true);
    }

    /**
     * Admits the client (or tells it why not and returns false), then greets it: the session exists
     * when this returns true. {@code address} is the client's as the door sees it (see docs/web.md).
     */
    public boolean open() {
        Admission.Refusal refused = admission.admit(address, door);
        if (refused != null) { // the admission wrote the audit line, rate-limited per source
            tell(refused.code(), refused.text());
            transport.close(refused.text());
            ended = true;
            return false;
        }
        outbox.open(new Frames());
        outbox.codec(Format.JSON);
        synchronized (this) {
            try {
                session = protocol.enter(this);
            } catch (ChatException banned) { // a server ban holds on this door too: told why, then closed
                org.causerie.audit.Audit.from(address, "conn_banned", "door", door);
                tell(banned.code(), banned.getMessage());
                transport.close(banned.getMessage());
                admission.release(address);
                ended = true;
                return false;
            }
            rate = new Flood(limits.policy(), session);
        }
        org.causerie.audit.Audit.from(address, "conn_open", "door", door, "session", session.id());
        return true;
    }

    /** Tells a client refused before it has an outbox, straight through the transport. */
    private void tell(String code, String text) {
        try {
            byte[] line = Format.JSON.encode(new Envelope(new Event.Error(null, code, text)));
            int length = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
            transport.send(List.of(java.nio.ByteBuffer.wrap(line, 0, length)));
        } catch (IOException e) {
            // it could not even be told: closing is all that is left
        }
    }

    /** Runs one line the client sent; returns false when the session must now end (then call {@link #closed}). */
    public boolean line(String line) throws InterruptedException {
        if (quitReason != null) {
            return false;
        }
        if (line.getBytes(StandardCharsets.UTF_8).length > limits.maxLineBytes()) {
            protocol.refused(new ChatException("line-too-long", "a line has at most " + limits.maxLineBytes()
                    + " bytes; it was discarded"));
            return true;
        }
        String ended = Wakeups.open(() -> {
            outbox.awaitSpace();
            if (!rate.admit()) {
                return protocol.reasons().flooding();
            }
            protocol.line(line);
            return quitReason;
        });
        if (ended != null) {
            quitReason = ended;
            return false;
        }
        return true;
    }

    /**
     * Resumes a login with the token the upgrade's cookie carried, before any line: it is no line of the
     * client's, so the client's first line still decides the seat.
     */
    public void resume(String token) {
        Wakeups.open(() -> dispatcher.handle(protocol.context(), "/resume " + token));
    }

    /** The session's id, once {@link #open} admitted it. */
    public synchronized long id() {
        return session == null ? -1 : session.id();
    }

    /**
     * Ends the session for {@code reason} (the peer closed, the transport broke, /quit): the rooms are told,
     * what is queued is written (bounded by the drain timeout), then the transport closes. Runs once.
     */
    public void closed(String reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        try {
            String why = outbox.overflowed() ? protocol.reasons().tooSlow() : quitReason != null ? quitReason : reason;
            protocol.left(session, why);
            outbox.finish();
            try {
                outbox.awaitDrained(limits.drainTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            transport.close(why);
            org.causerie.audit.Audit.from(address, "conn_closed", "door", door, "session", session.id(), "reason", why);
        } finally {
            admission.release(address);
        }
    }

    /** Ends this session from another thread (a server operator, the shutdown), telling the client why. */
    public void end(String reason, String notice) {
        quitReason = reason;
        protocol.notice(notice);
        Thread.ofVirtual().name("end-" + door).start(() -> closed(reason));
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public boolean quitting() {
        return quitReason != null;
    }

    /** A WebSocket session speaks JSON only: the page and every browser client read objects. */
    @Override
    public void format(Format format) {
        protocol.format(format);
    }

    @Override
    public void quit(String reason) {
        quitReason = reason;
    }

    /** The client as the door sees it: the TCP peer, or the address a trusted proxy forwarded. */
    @Override
    public InetAddress address() {
        return address;
    }

    /** Called by a sender that found the outbox full, maybe under a room lock: hand the close to a thread. */
    private void dropTooSlow() {
        log.warn("sendq_exceeded door={} peer={} capacity={}", door, address.getHostAddress(), limits.outboxCapacity());
        org.causerie.metrics.Meters.outboxDrop(door);
        Thread.ofVirtual().name("drop-slow").start(() -> closed("too slow: send queue full"));
    }

    /**
     * The outbox writes JSON lines (one event each, ending in a newline, with no raw newline inside: see
     * docs/protocol.md); this cuts them into messages and hands every batch to the transport at once.
     */
    private final class Frames extends OutputStream {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /**
         * Each whole line becomes one frame's payload, copied once as the encoder wrote it (the writer's
         * buffer is reused): no decoding to a String and encoding again per recipient.
         */
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            var messages = new ArrayList<java.nio.ByteBuffer>();
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    if (partial.size() == 0) {
                        messages.add(java.nio.ByteBuffer.wrap(java.util.Arrays.copyOfRange(bytes, start, i)));
                    } else {
                        partial.write(bytes, start, i - start);
                        messages.add(java.nio.ByteBuffer.wrap(partial.toByteArray()));
                        partial.reset();
                    }
                    start = i + 1;
                }
            }
            partial.write(bytes, start, offset + length - start);
            if (!messages.isEmpty()) {
                transport.send(messages);
            }
        }
    }
}
