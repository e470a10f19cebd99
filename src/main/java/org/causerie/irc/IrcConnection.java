package org.causerie.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.chat.Session;
import org.causerie.net.Admission;
import org.causerie.net.Deadlines;
import org.causerie.net.Protocol;
import org.causerie.net.ServerConnection;
import org.causerie.net.StreamConnection;
import org.causerie.net.Transport;

/**
 * The IRC door's part of a {@link StreamConnection}: registration, verbs, PING. The stream owns the
 * read loop, the outbox, the flood rule, the guest deadline (here: until registration is complete,
 * however bytes and even lines trickle in) and the close. Once registered, a client quiet for the
 * keepalive idle time is sent PING, and dropped if it stays quiet as long again; that deadline runs on
 * the shared timer thread ({@link Deadlines}).
 */
public final class IrcConnection implements ServerConnection, Protocol {
    /** The door's name in the audit log. */
    public static final String DOOR = "irc";
    private static final Reasons REASONS = new Reasons("Connection closed", "Connection closed", "Server stopping",
            "Server error", "Excess Flood", "SendQ exceeded");

    private final StreamConnection stream;
    private final IrcDoor door;
    private final IrcClient client;
    /** When the reader last received bytes; the PING deadline reads it. */
    private volatile long lastHeard = System.nanoTime();
    /** A PING was sent and nothing has come since. */
    private volatile boolean pinged;
    /** The PING watch is armed; reader thread only. */
    private boolean watching;

    IrcConnection(Transport transport, IrcDoor door) {
        this.door = door;
        this.stream = new StreamConnection(transport, door.settings, self -> this);
        this.client = new IrcClient(door, this, stream.outbox());
    }

    /** What a client refused at the door is told: an IRC ERROR line. */
    public static byte[] refusal(Admission.Refusal refused) {
        return IrcLine.bytes("ERROR :Closing link: " + refused.text());
    }

    @Override
    public void run() {
        stream.run();
    }

    @Override
    public String door() {
        return DOOR;
    }

    @Override
    public String threadPrefix() {
        return "irc";
    }

    @Override
    public int maxLineBytes() {
        return IrcMessage.MAX_TAG_BYTES + IrcMessage.MAX_BYTES;
    }

    @Override
    public Session enter(org.causerie.net.Link link) {
        Session session = door.hub.enter(client.sink(), link.address());
        client.attach(session);
        door.arrived(client);
        return session;
    }

    @Override
    public void banned(ChatException ban) {
        client.line("ERROR :Closing link: " + ban.getMessage());
    }

    @Override
    public boolean contacted() {
        return client.registered();
    }

    @Override
    public String guestReason(Duration timeout) {
        return "Registration timed out";
    }

    @Override
    public String guestNotice(Duration timeout) {
        return "closing: not registered " + timeout.toSeconds() + " s after connecting";
    }

    @Override
    public String tlsOnPlainPort(Session session) {
        return "TLS on the plain port";
    }

    @Override
    public void heard() {
        lastHeard = System.nanoTime();
        pinged = false; // whatever it sent, the client is there
    }

    @Override
    public void afterBurst() {
        if (client.registered() && !watching) {
            Deadlines.after(door.settings.policy().keepAliveIdle(), this::watchQuiet);
            watching = true;
        }
    }

    /** The PING deadline, re-armed for as long as the client is connected; runs on the timer thread. */
    private void watchQuiet() {
        if (stream.quitting()) {
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

    @Override
    public String line(String line) {
        if (withoutTags(line) > IrcMessage.MAX_BYTES - 2) {
            client.numeric("417", "Input line was too long");
            return null;
        }
        switch (IrcMessage.parse(line)) {
            case IrcMessage message -> Verbs.run(client, message);
            case null, default -> { } // a blank line, or tags and a source with no command: ignored
        }
        return null;
    }

    @Override
    public void refused(ChatException refused) {
        if (refused.code().equals("line-too-long")) {
            client.numeric("417", "Input line was too long");
        } else {
            client.line(IrcLine.of(null, door.server, "NOTICE", List.of(client.me(), refused.getMessage()), true));
        }
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

    @Override
    public void notice(String text) {
        client.line(IrcLine.of(null, door.server, "NOTICE", List.of(client.me(), text), true));
    }

    @Override
    public void left(Session session, String reason) {
        if (session != null) {
            door.hub.disconnect(session, reason);
            door.left(client);
        }
        client.line("ERROR :Closing link: " + reason.replace('\r', ' ').replace('\n', ' '));
    }

    @Override
    public Reasons reasons() {
        return REASONS;
    }

    @Override
    public String describe(IOException e) {
        return REASONS.closed();
    }

    /** The client's address: for the audit log and the per-address throttles of logins, never shown. */
    java.net.InetAddress address() {
        return stream.address();
    }

    /** Ends the session by QUIT; the reader stops after this line. */
    void quit(String reason) {
        stream.quit(reason);
    }

    @Override
    public void end(String reason, String notice) {
        stream.end(reason, notice);
    }

    @Override
    public void close() {
        stream.close();
    }

    @Override
    public void onEnd(Runnable action) {
        stream.onEnd(action);
    }
}
