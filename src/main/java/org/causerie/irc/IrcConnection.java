package org.causerie.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.causerie.audit.Audit;
import org.causerie.chat.ChatException;
import org.causerie.chat.Session;
import org.causerie.chat.Wakeups;
import org.causerie.net.Admission;
import org.causerie.net.Connection;
import org.causerie.net.Deadlines;
import org.causerie.net.Flood;
import org.causerie.net.LineReader;
import org.causerie.net.Outbox;
import org.causerie.net.ServerConnection;
import org.causerie.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC client. Like the line door's connection, its virtual thread reads and runs lines top to
 * bottom, blocking in one place, and its {@link Outbox} has a writer of its own; the {@code finally}
 * of {@link #run} releases everything. The listener has admitted it (the same admission as every door);
 * the same flood rule applies. Two deadlines, on the shared timer thread ({@link Deadlines}): the guest
 * timeout lasts until registration is complete, however bytes trickle in; once registered, a client
 * quiet for the keepalive idle time is sent PING, and dropped if it stays quiet as long again.
 */
public final class IrcConnection implements ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    /** The door's name in the audit log. */
    public static final String DOOR = "irc";

    private final Transport transport;
    private final IrcDoor door;
    private final Outbox outbox;
    private final IrcClient client;
    /** Why the session ends, once it must: set by QUIT in the reader, or by another thread. */
    private volatile String quitReason;
    /** When the reader last received bytes; the PING deadline reads it. */
    private volatile long lastHeard = System.nanoTime();
    /** A PING was sent and nothing has come since. */
    private volatile boolean pinged;

    IrcConnection(Transport transport, IrcDoor door) {
        this.transport = transport;
        this.door = door;
        this.outbox = new Outbox(door.settings.outboxCapacity(), this::dropTooSlow, this::close,
                reason -> end(reason, reason));
        this.client = new IrcClient(door, this, outbox);
    }

    /** What a client refused at the door is told: an IRC ERROR line. */
    public static byte[] refusal(Admission.Refusal refused) {
        return IrcLine.bytes("ERROR :Closing link: " + refused.text());
    }

    @Override
    public void run() {
        Session session = null;
        String reason = "Connection closed";
        Future<?> registration = null;
        try {
            Connection.configure(transport, door.settings.policy());
            outbox.open(transport.output());
            var reader = new LineReader(transport.input(), IrcMessage.MAX_TAG_BYTES + IrcMessage.MAX_BYTES);
            try {
                session = door.hub.enter(client.sink(), transport.address());
            } catch (ChatException banned) { // a server ban: told why, then closed
                Audit.from(transport.address(), "conn_banned", "door", DOOR);
                client.line("ERROR :Closing link: " + banned.getMessage());
                reason = banned.getMessage();
                return;
            }
            client.attach(session);
            door.arrived(client);
            Thread.currentThread().setName("irc-" + session.id());
            Audit.from(transport.address(), "conn_open", "door", DOOR, "transport", transport.kind(),
                    "session", session.id());
            registration = armRegistrationDeadline();
            reason = reader.peek() == TLS_HANDSHAKE_RECORD ? "TLS on the plain port" : readLines(session, reader);
        } catch (IOException e) {
            reason = quitReason != null ? quitReason : "Connection closed";
        } catch (InterruptedException e) {
            reason = "Server stopping";
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // a bug: this session ends, the server and its other sessions go on
            log.error("irc_failed peer={}", transport.peer(), e);
            reason = "Server error";
        } finally {
            if (registration != null) {
                registration.cancel(false);
            }
            if (quitReason == null) {
                quitReason = reason; // the PING deadline stops here
            }
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
            Audit.from(transport.address(), "conn_closed", "door", DOOR, "session", session == null ? "-" : session.id(),
                    "reason", reason);
        }
    }

    /** The guest timeout, on registration: bytes, and even lines, that do not complete it do not move it. */
    private Future<?> armRegistrationDeadline() {
        Duration timeout = door.settings.policy().guestTimeout();
        if (timeout.isZero()) {
            return null;
        }
        return Deadlines.after(timeout, () -> {
            if (!client.registered()) {
                end("Registration timed out", "closing: not registered " + timeout.toSeconds() + " s after connecting");
            }
        });
    }

    /** The PING deadline, re-armed for as long as the client is connected; runs on the timer thread. */
    private void watchQuiet() {
        if (quitReason != null) {
            return;
        }
        Duration quiet = door.settings.policy().keepAliveIdle();
        long silent = System.nanoTime() - lastHeard;
        if (silent < quiet.toNanos()) {
            Deadlines.after(Duration.ofNanos(quiet.toNanos() - silent), this::watchQuiet);
        } else if (pinged) {
            end("Ping timeout: " + quiet.toSeconds() + " seconds", "closing: no answer to PING");
        } else {
            pinged = true;
            client.line(IrcLine.of(null, null, "PING", List.of(door.server), true));
            Deadlines.after(quiet, this::watchQuiet);
        }
    }

    /** The read loop, as the line door's: one blocking read, then the lines it brought in one batch. */
    private String readLines(Session session, LineReader reader) throws IOException, InterruptedException {
        var rate = new Flood(door.settings.policy(), session);
        boolean watching = false;
        while (quitReason == null) {
            if (!reader.fill()) {
                return quitReason != null ? quitReason : "Connection closed";
            }
            lastHeard = System.nanoTime();
            pinged = false; // whatever it sent, the client is there
            String ended = Wakeups.open(() -> runBuffered(reader, rate));
            if (client.registered() && !watching) {
                Deadlines.after(door.settings.policy().keepAliveIdle(), this::watchQuiet);
                watching = true;
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
                    client.line(IrcLine.of(null, door.server, "NOTICE", List.of(client.me(),
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
        return transport.address();
    }

    /** Ends the session by QUIT; the reader stops after this line. */
    void quit(String reason) {
        quitReason = reason;
    }

    @Override
    public void end(String reason, String notice) {
        quitReason = reason;
        client.line(IrcLine.of(null, door.server, "NOTICE", List.of(client.me(), notice), true));
        try {
            transport.shutdownInput();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    private void dropTooSlow() {
        log.warn("sendq_exceeded peer={} capacity={}", transport.peer(), door.settings.outboxCapacity());
        Thread.ofVirtual().name("drop-slow").start(this::close);
    }

    private void awaitDrained() {
        try {
            if (outbox.awaitDrained(door.settings.drainTimeout().toMillis())) {
                transport.shutdownOutput();
            }
        } catch (IOException e) {
            // the peer is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
