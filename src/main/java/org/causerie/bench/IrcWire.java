package org.causerie.bench;

import java.io.IOException;

/**
 * IRC as a client speaks it (RFC 2812): NICK and USER, registered at {@code 001}; JOIN, joined at the
 * end of the NAMES list ({@code 366}); PRIVMSG to a channel or a nick; PONG to every PING. An IRC server
 * does not echo a message to its sender, unlike Causerie: deliveries count other members only, for both.
 */
final class IrcWire implements Wire {
    private static final byte[] CRLF = {'\r', '\n'};
    /** What the "ircv3" protocol asks for: the capabilities most IRCv3 clients request. */
    static final String CLIENT_CAPS = "server-time message-tags echo-message";

    /** The capabilities requested before registering, or null for none (plain RFC 2812). */
    private final String caps;

    IrcWire() {
        this(null);
    }

    IrcWire(String caps) {
        this.caps = caps;
    }

    @Override
    public String name() {
        return caps == null ? "irc" : "ircv3";
    }

    /**
     * NICK and USER; with capabilities, CAP REQ first and CAP END after (a server that refuses them, NAK,
     * still registers the client). Echoes of the bot's own messages are counted apart, never as deliveries.
     */
    @Override
    public void greet(Link link) throws IOException {
        String cap = caps == null ? "" : "CAP REQ :" + caps + "\r\n";
        String end = caps == null ? "" : "CAP END\r\n";
        link.send(Wire.ascii(cap + "NICK " + link.nick() + "\r\nUSER " + link.nick() + " 0 * :causerie bench\r\n" + end));
    }

    @Override
    public void join(Link link, String room) throws IOException {
        link.send(Wire.ascii("JOIN " + room + "\r\n"));
    }

    @Override
    public byte[] toRoom(String room, byte[] payload, int length) {
        return Wire.concat(Wire.ascii("PRIVMSG " + room + " :"), payload, length, CRLF);
    }

    @Override
    public byte[] toPeer(String nick, byte[] payload, int length) {
        return Wire.concat(Wire.ascii("PRIVMSG " + nick + " :"), payload, length, CRLF);
    }

    @Override
    public boolean control(Link link, byte[] line, int from, int to) throws IOException {
        String text = Wire.text(line, from, to);
        if (text.startsWith("PING")) {
            link.send(Wire.ascii("PONG" + text.substring(4) + "\r\n"));
            return false;
        }
        if (text.startsWith("@")) { // tags before the source: server-time, msgid
            int space = text.indexOf(' ');
            text = space < 0 ? "" : text.substring(space + 1);
        }
        String[] words = text.split(" ", 5);
        if (words.length >= 3 && words[0].startsWith(":")) {
            switch (words[1]) {
                case "001" -> link.events().registered(link);
                case "366" -> {
                    if (words.length >= 4 && words[3].equalsIgnoreCase(link.joining())) {
                        link.events().joined(link, link.joining());
                    }
                }
                default -> { }
            }
        }
        return true;
    }
}
