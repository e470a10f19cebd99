package org.causerie.bench;

import java.io.IOException;

/**
 * Causerie's line protocol in its JSON format (docs/protocol.md). A new connection is seated in
 * {@code #general} and greeted in text; the bot switches to JSON, leaves the lobby (so that thousands
 * of bots do not each hear every other arrive) and takes its nickname: the nick event is its
 * registration. A room message is a plain line to the current room, the one the bot joined last.
 */
final class CauserieWire implements Wire {
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] NONE = {};

    @Override
    public String name() {
        return "causerie";
    }

    @Override
    public void greet(Link link) throws IOException {
        link.send(Wire.ascii("/format json\n/part #general\n/nick " + link.nick() + "\n"));
    }

    @Override
    public void join(Link link, String room) throws IOException {
        link.send(Wire.ascii("/join " + room + "\n"));
    }

    @Override
    public byte[] toRoom(String room, byte[] payload, int length) {
        return Wire.concat(NONE, payload, length, NEWLINE);
    }

    @Override
    public byte[] toPeer(String nick, byte[] payload, int length) {
        return Wire.concat(Wire.ascii("/msg " + nick + " "), payload, length, NEWLINE);
    }

    @Override
    public boolean control(Link link, byte[] line, int from, int to) {
        String text = Wire.text(line, from, to);
        if (isLimit(text)) {
            link.events().limited(link, text);
        } else if (text.startsWith("{\"type\":\"nick\"") && text.contains("\"new\":\"" + link.nick() + "\"")) {
            link.events().registered(link);
        } else if (text.startsWith("{\"type\":\"join\"") && text.contains("\"nick\":\"" + link.nick() + "\"")
                && link.joining() != null && text.contains("\"room\":\"" + link.joining() + "\"")) {
            link.events().joined(link, link.joining());
        }
        return true;
    }

    /**
     * Whether the server says it is limiting: the rate limiter's notices (slowed down, then disconnected),
     * a refused connection (sent in text, before /format json is read), a full room or too many rooms.
     * A run that meets any of these measures the limits, not the server.
     */
    static boolean isLimit(String text) {
        return text.startsWith("! too-many-connections") || text.contains("\"code\":\"too-many-connections\"")
                || text.contains("\"code\":\"room-full\"") || text.contains("\"code\":\"too-many-rooms\"")
                || text.startsWith("{\"type\":\"notice\"") && (text.contains("you are sending too fast")
                        || text.contains("lines a second for"));
    }
}
