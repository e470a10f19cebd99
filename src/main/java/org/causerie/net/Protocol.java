package org.causerie.net;

import java.io.IOException;
import java.time.Duration;
import org.causerie.chat.ChatException;
import org.causerie.chat.Session;

/**
 * A door's part of a {@link StreamConnection}: what the line door and the IRC door do differently over
 * the same read loop, outbox, deadlines and close. The stream calls these on its reader thread, except
 * {@link #notice}, which any thread may call. None of them reads the socket; a door never sees one.
 */
public interface Protocol {
    /** The door's name in the audit log and the metrics: {@code line}, {@code irc}. */
    String door();

    /** The reader thread's name before the session's id: {@code conn}, {@code irc}. */
    String threadPrefix();

    /** The longest line this door frames, in bytes, tags included. */
    int maxLineBytes();

    /** Makes the session; a server ban throws, after which {@link #banned} tells the client. */
    Session enter(Link link) throws ChatException;

    /** Tells a banned client why, before the connection closes. */
    void banned(ChatException ban);

    /** Whether first contact is done (a whole line, or registration): the end of the guest deadline. */
    boolean contacted();

    /** Why the guest deadline ends the connection, for the log; {@link #guestNotice} is what the client is told. */
    String guestReason(Duration timeout);

    String guestNotice(Duration timeout);

    /** A TLS ClientHello on the plain port: tells the client if the door can; returns the reason. */
    String tlsOnPlainPort(Session session);

    /** Bytes came: whatever they hold, the client is there (IRC's PING watch). */
    default void heard() {}

    /** Runs one whole line; returns why the session must end now, or null to read on. */
    String line(String line) throws InterruptedException;

    /** A line the framing refused (too long, not UTF-8): tells the client; the connection goes on. */
    void refused(ChatException refusal);

    /** After each burst of lines (IRC arms its PING watch once registered). */
    default void afterBurst() {}

    /** Tells the client {@code text} as a server notice; any thread. */
    void notice(String text);

    /** Leaves the hub ({@code session} may be null when none was made) and says goodbye in the door's way. */
    void left(Session session, String reason);

    /** The door's words for how a session ended, in the log and in the quits others see. */
    record Reasons(String closed, String peerClosed, String stopping, String error, String flooding, String tooSlow) {}

    Reasons reasons();

    /** How an I/O failure reads in the log; the door may keep one word for all. */
    String describe(IOException e);
}
