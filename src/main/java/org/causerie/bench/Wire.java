package org.causerie.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A protocol as a bot speaks it: how to register, join a room, say something to a room or to one
 * person, and how to recognise the server's confirmations. The same scenario runs over each wire, so
 * exactly the same load reaches Causerie, an IRC server or Redis.
 */
interface Wire {

    String name();

    /** Sent right after connecting; {@link LinkEvents#registered} must follow once the server accepts. */
    void greet(Link link) throws IOException;

    /** Asks to join {@code room}; {@link LinkEvents#joined} must follow once the server confirms. */
    void join(Link link, String room) throws IOException;

    /** The bytes that say {@code payload[0, length)} to {@code room}. */
    byte[] toRoom(String room, byte[] payload, int length);

    /** The bytes that say {@code payload[0, length)} to the bot called {@code nick} alone. */
    byte[] toPeer(String nick, byte[] payload, int length);

    /**
     * A line without payload, {@code line[from, to)} without its ending: answers pings, recognises
     * confirmations. Returns whether it was chatter (a line of its own, not framing), which the scenario
     * waits to die down before it measures.
     */
    boolean control(Link link, byte[] line, int from, int to) throws IOException;

    /**
     * Right after the socket connects, before the reader starts: a wire that must upgrade the connection
     * first (the WebSocket's HTTP handshake) does it here.
     */
    default void open(java.net.Socket socket, Target target) throws IOException {}

    /** What the reader reads lines from: the socket's stream, or one that turns the wire's frames into lines. */
    default java.io.InputStream input(Link link, java.io.InputStream raw) {
        return raw;
    }

    /** Whether a bot must send on a second connection (a Redis subscriber cannot publish). */
    default boolean publishesApart() {
        return false;
    }

    /**
     * Whether a bot must {@link #join} a channel named after itself to receive private messages (Redis
     * has no users, only channels).
     */
    default boolean needsInbox() {
        return false;
    }

    static Wire of(String protocol) {
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "causerie" -> new CauserieWire();
            case "irc" -> new IrcWire();
            case "ircv3" -> new IrcWire(IrcWire.CLIENT_CAPS);
            case "redis" -> new RedisWire();
            case "ws" -> new WsWire();
            default -> throw new IllegalArgumentException("the protocols are causerie, ws, irc, ircv3 and redis, not "
                    + protocol);
        };
    }

    /** A line as text, for the handshake paths (never for payloads). */
    static String text(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    /** {@code head}, then {@code payload[0, length)}, then {@code ending}, as one array. */
    static byte[] concat(byte[] head, byte[] payload, int length, byte[] ending) {
        var bytes = new byte[head.length + length + ending.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(payload, 0, bytes, head.length, length);
        System.arraycopy(ending, 0, bytes, head.length + length, ending.length);
        return bytes;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
