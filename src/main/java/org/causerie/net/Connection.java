package org.causerie.net;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import org.causerie.chat.ChatException;
import org.causerie.chat.Event;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
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

    private final Socket socket;
    private final Hub hub;
    private final Dispatcher dispatcher;
    private final Limits limits;
    private final Outbox outbox;
    /** Set by /quit or fin; read by the reader loop. Only the reader thread writes it. */
    private String quitReason;

    public Connection(Socket socket, Hub hub, Dispatcher dispatcher, Limits limits) {
        this.socket = socket;
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.outbox = new Outbox(limits.outboxCapacity(), this::dropTooSlow);
    }

    /** The settings a connection needs from the server's configuration. */
    public record Limits(int maxLineBytes, int outboxCapacity, java.time.Duration drainTimeout) {}

    @Override
    public void run() {
        Session session = null;
        Thread writer = null;
        String reason = "connection closed";
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            var out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            var reader = new LineReader(socket.getInputStream(), limits.maxLineBytes());
            session = hub.connect(outbox);
            Thread.currentThread().setName("conn-" + session.id());
            writer = Thread.ofVirtual().name("writer-" + session.id()).start(() -> write(out));
            log.debug("conn_open id={} peer={}", session.id(), socket.getRemoteSocketAddress());
            var context = new Context(session, hub, this, dispatcher.commands(), null);
            while (quitReason == null) {
                outbox.awaitSpace();
                String line;
                try {
                    line = reader.next();
                } catch (ChatException refused) {
                    session.send(new Event.Error(null, refused.code(), refused.getMessage()));
                    continue;
                }
                if (line == null) {
                    reason = "connection closed by peer";
                    break;
                }
                dispatcher.handle(context, line);
            }
            if (quitReason != null) {
                reason = quitReason;
            }
        } catch (IOException e) {
            reason = describe(e);
        } catch (InterruptedException e) {
            reason = "server stopping";
            Thread.currentThread().interrupt();
        } finally {
            if (outbox.overflowed()) {
                reason = "too slow: send queue full";
            }
            if (session != null) {
                hub.disconnect(session, reason);
            }
            outbox.finish();
            awaitWriter(writer);
            close();
            log.debug("conn_closed id={} reason=\"{}\"", session == null ? "-" : session.id(), reason);
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

    /** Closes the socket now: what is queued is lost. Safe from any thread, at any time. */
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted; there is nobody left to tell
        }
    }

    private void write(BufferedOutputStream out) {
        try {
            outbox.drainTo(out);
            socket.shutdownOutput(); // the peer sees a clean end of stream after the last line
        } catch (IOException | InterruptedException e) {
            close(); // the peer cannot be written to: wake the reader so the session ends
        }
    }

    /** Called by a sender that found the outbox full, maybe under a room lock: hand the close to a thread. */
    private void dropTooSlow() {
        log.warn("sendq_exceeded peer={} capacity={}", socket.getRemoteSocketAddress(), limits.outboxCapacity());
        Thread.ofVirtual().name("drop-slow").start(this::close);
    }

    private void awaitWriter(Thread writer) {
        if (writer == null) {
            return;
        }
        try {
            if (!writer.join(limits.drainTimeout())) {
                log.info("drain_timeout peer={}", socket.getRemoteSocketAddress());
            }
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
