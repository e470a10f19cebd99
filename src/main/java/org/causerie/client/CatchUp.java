package org.causerie.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causerie.event.Event;

/**
 * What a reconnection shows of its rooms: each message the user has not seen, once, in id order, and
 * not the replay of those already seen. It keeps the last id seen per room; after a reconnection the
 * client rejoins, then sends {@code /ping} and {@code /history ROOM after LAST} for each room. Until the
 * pong, the history messages of those rooms are the joins' replays (dropped); after it, they answer the
 * catch-up (shown if newer than what was shown); live messages meanwhile are held until a room's catch-up
 * has answered, so that nothing is shown out of order or twice.
 *
 * <p>Owned by the thread that reads the link (and by the one that plans the next connection's lines
 * before that reader starts reading it).
 */
final class CatchUp {
    /** The most messages asked for per room: the server's most per /history. */
    static final int MOST = 500;
    private static final Pattern HISTORY_REPLY = Pattern.compile("(?:\\d+ messages?|no messages) of (#\\S+).*",
            Pattern.DOTALL);

    /** A history line in the text format: what a server without first contact replays before /format json. */
    private static final Pattern TEXT_HISTORY = Pattern.compile("(#\\S+) \\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\] .*",
            Pattern.DOTALL);

    /** A room name in a refusal's text ("you are banned from #den (bob)"). */
    private static final Pattern ROOM = Pattern.compile("#[A-Za-z0-9._-]+");

    /** REPLAY until our pong, ANSWER until the room's catch-up answers; REFUSED: the rejoin was refused. */
    private enum Phase { REPLAY, ANSWER, REFUSED }

    /** Folded room name → the highest message id shown. */
    private final Map<String, Long> lastSeen = new HashMap<>();
    /** Rooms catching up, in the order their /history was sent; folded name → phase. */
    private final LinkedHashMap<String, Phase> catching = new LinkedHashMap<>();
    /** Live messages of rooms catching up, held until their catch-up has answered. */
    private final Map<String, List<Event.Message>> held = new HashMap<>();
    /** A /ping of ours is unanswered. */
    private boolean pongDue;

    /**
     * The lines that catch up {@code rooms} on a new connection, to send after the joins; from now on the
     * replays of those rooms are dropped. {@code rooms} are those the client rejoins (the lobby too).
     */
    List<String> plan(List<String> rooms) {
        catching.clear();
        held.clear();
        var lines = new ArrayList<String>();
        if (rooms.isEmpty()) {
            pongDue = false;
            return lines;
        }
        lines.add("/ping");
        pongDue = true;
        for (String room : rooms) {
            catching.put(fold(room), Phase.REPLAY);
            lines.add("/history " + room + " after " + lastSeen.getOrDefault(fold(room), 0L) + " " + MOST);
        }
        return lines;
    }

    /** The events to show for {@code event}: none (a replay, held, our own answers), itself, or held ones too. */
    List<Event> filter(Event event) {
        return switch (event) {
            case Event.Message m -> message(m);
            case Event.Reply r when pongDue && "ping".equals(r.command()) -> {
                pongDue = false;
                catching.replaceAll((room, phase) -> phase == Phase.REPLAY ? Phase.ANSWER : phase);
                yield List.of();
            }
            case Event.Reply r when "history".equals(r.command()) && !catching.isEmpty() -> answered(r);
            case Event.Error e when "history".equals(e.command()) && !catching.isEmpty() ->
                    release(catching.keySet().iterator().next(), List.of()); // the first one asked answers first
            case Event.Error e when "join".equals(e.command()) && !catching.isEmpty() -> refused(e);
            default -> List.of(event);
        };
    }

    /**
     * Whether a line that is no JSON event is a replayed message of a room catching up: a server that
     * seats a connection before reading its /format json replays the lobby in text, without ids.
     */
    boolean replayed(String line) {
        Matcher matcher = TEXT_HISTORY.matcher(line);
        return matcher.matches() && catching.get(fold(matcher.group(1))) == Phase.REPLAY;
    }

    /**
     * A rejoin refused (banned, invite-only, a key, full): the room's catch-up is not shown, since the
     * user is no longer in it. The refusal itself is.
     */
    private List<Event> refused(Event.Error error) {
        Matcher matcher = ROOM.matcher(error.text());
        while (matcher.find()) {
            String room = fold(matcher.group());
            if (catching.containsKey(room)) {
                catching.put(room, Phase.REFUSED);
                break;
            }
        }
        return List.of(error);
    }

    private List<Event> message(Event.Message m) {
        String room = fold(m.room());
        Phase phase = catching.get(room);
        if (phase == null) {
            seen(m); // live, or the replay of a /join the user typed: shown as it comes
            return List.of(m);
        }
        if (phase == Phase.REFUSED) {
            return List.of();
        }
        if (m.delivery() == Event.Delivery.LIVE) {
            held.computeIfAbsent(room, r -> new ArrayList<>()).add(m);
            return List.of();
        }
        return phase == Phase.ANSWER && seen(m) ? List.of(m) : List.of();
    }

    private List<Event> answered(Event.Reply reply) {
        Matcher matcher = HISTORY_REPLY.matcher(reply.text());
        if (!matcher.matches() || !catching.containsKey(fold(matcher.group(1)))) {
            return List.of(reply); // the user's own /history
        }
        // "no messages of #room after N": nothing was missed, and nothing need be said.
        String room = fold(matcher.group(1));
        boolean quiet = reply.text().startsWith("no ") || catching.get(room) == Phase.REFUSED;
        return release(room, quiet ? List.of() : List.of(reply));
    }

    /** Ends a room's catch-up: the answer's reply, then the live messages it held that are new. */
    private List<Event> release(String room, List<Event> reply) {
        catching.remove(room);
        var out = new ArrayList<Event>(reply);
        for (Event.Message m : held.getOrDefault(room, List.of())) {
            if (seen(m)) {
                out.add(m);
            }
        }
        held.remove(room);
        return out;
    }

    /** Records {@code m} as seen; false if a message of that id or later was shown already. */
    private boolean seen(Event.Message m) {
        String room = fold(m.room());
        long last = lastSeen.getOrDefault(room, 0L);
        if (m.id() <= last && catching.containsKey(room)) {
            return false;
        }
        lastSeen.put(room, Math.max(last, m.id()));
        return true;
    }

    private static String fold(String room) {
        return room.toLowerCase(Locale.ROOT);
    }

    /** For a test: the last id seen in {@code room}, 0 if none. */
    long lastSeen(String room) {
        return lastSeen.getOrDefault(fold(room), 0L);
    }
}
