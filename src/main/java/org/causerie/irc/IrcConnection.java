package org.causerie.irc;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.causerie.chat.ChatException;
import org.causerie.chat.Session;
import org.causerie.chat.Wakeups;
import org.causerie.net.Connection;
import org.causerie.net.Flood;
import org.causerie.net.LineReader;
import org.causerie.net.Outbox;
import org.causerie.net.ServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC client. Like the line door's connection, its virtual thread reads and runs lines top to
 * bottom, blocking in one place, and its {@link Outbox} has a writer of its own; the {@code finally}
 * of {@link #run} releases everything. The same admission, flood rule and guest timeout apply; the
 * guest timeout lasts until registration is complete, not only until the first line.
 */
public final class IrcConnection implements ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final Socket socket;
    private final IrcDoor door;
    private final Outbox outbox;
    private final IrcClient client;
    /** Why the session ends, once it must: set by QUIT in the reader, or by another thread. */
    private volatile String quitReason;

    IrcConnection(Socket socket, IrcDoor door) {
        this.socket = socket;
        this.door = door;
        this.outbox = new Outbox(door.settings.outboxCapacity(), this::dropTooSlow, this::close,
                reason -> end(reason, reason));
        this.client = new IrcClient(door, this, outbox);
    }

    @Override
    public void run() {
        String refused = door.settings.admission().admit(socket.getInetAddress());
        if (refused != null) {
            refuse(refused);
            return;
        }
        try {
            serve();
        } finally {
            door.settings.admission().release(socket.getInetAddress());
        }
    }

    private void serve() {
        Session session = null;
        String reason = "Connection closed";
        try {
            Connection.configure(socket, door.settings.policy());
            outbox.open(socket.getOutputStream());
            var reader = new LineReader(socket.getInputStream(), IrcMessage.MAX_TAG_BYTES + IrcMessage.MAX_BYTES);
            session = door.hub.enter(client.sink());
            client.attach(session);
            door.arrived(client);
            Thread.currentThread().setName("irc-" + session.id());
            log.debug("irc_open id={} peer={}", session.id(), socket.getRemoteSocketAddress());
            reason = reader.peek() == TLS_HANDSHAKE_RECORD ? "TLS on the plain port" : readLines(session, reader);
        } catch (SocketTimeoutException e) {
            reason = "Registration timed out";
        } catch (IOException e) {
            reason = quitReason != null ? quitReason : "Connection closed";
        } catch (InterruptedException e) {
            reason = "Server stopping";
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // a bug: this session ends, the server and its other sessions go on
            log.error("irc_failed peer={}", socket.getRemoteSocketAddress(), e);
            reason = "Server error";
        } finally {
            if (outbox.overflowed()) {
                reason = "SendQ exceeded";
            }
            if (session != null) {
                door.hub.disconnect(session, reason);
                door.left(client);
            }
            client.line("ERROR :Closing link: " + reason.replace('\r', ' ').replace('\n', ' '));
            outbox.finish();
            awaitDrained();
            close();
            log.debug("irc_closed id={} reason=\"{}\"", session == null ? "-" : session.id(), reason);
        }
    }

    /** The read loop, as the line door's: one blocking read, then the lines it brought in one batch. */
    private String readLines(Session session, LineReader reader) throws IOException, InterruptedException {
        var rate = new Flood(door.settings.policy(), session);
        long deadline = System.nanoTime() + door.settings.policy().guestTimeout().toNanos();
        boolean timeoutLifted = false;
        while (quitReason == null) {
            if (!reader.fill()) {
                return quitReason != null ? quitReason : "Connection closed";
            }
            String ended = Wakeups.open(() -> runBuffered(reader, rate));
            if (client.registered() && !timeoutLifted) {
                socket.setSoTimeout(0); // registered: the guest timeout is over
                timeoutLifted = true;
            } else if (!client.registered() && !door.settings.policy().guestTimeout().isZero()
                    && System.nanoTime() - deadline > 0) {
                return "Registration timed out";
            }
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
                if (refused.code().equals("line-too-long")) {
                    client.numeric("417", "Input line was too long");
                } else {
                    client.line(IrcLine.of(null, door.server, "NOTICE", java.util.List.of(client.me(),
                            refused.getMessage()), true));
                }
                continue;
            }
            if (line == null) {
                return null;
            }
            if (!rate.admit()) {
                return "Excess Flood";
            }
            if (withoutTags(line) > IrcMessage.MAX_BYTES - 2) {
                client.numeric("417", "Input line was too long");
                continue;
            }
            switch (IrcMessage.parse(line)) {
                case IrcMessage message -> Verbs.run(client, message);
                case null, default -> { } // a blank line, or tags and a source with no command: ignored
            }
        }
        return quitReason;
    }

    /** The bytes of a line after its tags: what IRC's 512-byte limit counts. */
    private static int withoutTags(String line) {
        int start = 0;
        if (line.startsWith("@")) {
            int space = line.indexOf(' ');
            start = space < 0 ? line.length() : space + 1;
        }
        return line.substring(start).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The client's address: for the audit log and the per-address throttles of logins, never shown. */
    java.net.InetAddress address() {
        return socket.getInetAddress();
    }

    /** Ends the session by QUIT; the reader stops after this line. */
    void quit(String reason) {
        quitReason = reason;
    }

    @Override
    public void end(String reason, String notice) {
        quitReason = reason;
        client.line(IrcLine.of(null, door.server, "NOTICE", java.util.List.of(client.me(), notice), true));
        try {
            socket.shutdownInput();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private void refuse(String why) {
        log.info("conn_refused peer={} reason=\"{}\"", socket.getRemoteSocketAddress(), why);
        try (socket) {
            socket.setSoTimeout(2_000);
            var out = socket.getOutputStream();
            out.write(IrcLine.bytes("ERROR :Closing link: " + why));
            out.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            // it could not even be told
        }
    }

    private void dropTooSlow() {
        log.warn("sendq_exceeded peer={} capacity={}", socket.getRemoteSocketAddress(), door.settings.outboxCapacity());
        Thread.ofVirtual().name("drop-slow").start(this::close);
    }

    private void awaitDrained() {
        try {
            if (outbox.awaitDrained(door.settings.drainTimeout().toMillis())) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // the peer is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
