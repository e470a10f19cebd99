package org.causerie.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.causerie.event.Event;

/**
 * Who the client is on the server and where: its nickname, the nickname the user chose, and the
 * rooms it is in, the current one last. It is learnt from the client's own events only, so that a
 * reconnection can {@link Snapshot#restore restore} what the server confirmed: a room the user left,
 * was kicked from (a ban kicks; a closed room kicks everyone) is not rejoined. Written by the reader
 * thread, read by others: every method holds this object's lock.
 */
public final class Presence {
    private static final String NOW_CURRENT = " is now your current room";

    private String self;
    private String lobby;
    private String chosen;
    /** Folded name → name; insertion order is join order, the current room last. */
    private final Map<String, String> rooms = new LinkedHashMap<>();

    public synchronized void observe(Event event) {
        switch (event) {
            case Event.Welcome w -> {
                self = w.nick();
                lobby = w.room();
                rooms.clear();
            }
            case Event.Joined j when isSelf(j.nick()) -> enter(j.room());
            case Event.Parted p when isSelf(p.nick()) -> rooms.remove(fold(p.room()));
            case Event.Kicked k when isSelf(k.nick()) -> rooms.remove(fold(k.room())); // a ban or /close too
            case Event.NickChanged n when isSelf(n.nick()) -> {
                self = n.newNick();
                chosen = n.newNick();
            }
            case Event.Reply r when "join".equals(r.command()) && r.text().endsWith(NOW_CURRENT) ->
                    enter(r.text().substring(0, r.text().length() - NOW_CURRENT.length()));
            default -> {}
        }
    }

    /** Whether the event's nickname is the client's own. */
    public synchronized boolean isSelf(String nick) {
        return self != null && self.equalsIgnoreCase(nick);
    }

    /** The client's nickname on the server, or null before the welcome. */
    public synchronized String self() {
        return self;
    }

    /** The rooms the client is in, the current one last. */
    public synchronized List<String> rooms() {
        return new ArrayList<>(rooms.values());
    }

    /** What to restore on a new connection; {@code wanted} is the nickname to ask for if none was confirmed. */
    public synchronized Snapshot snapshot(String wanted) {
        return new Snapshot(chosen != null ? chosen : wanted, lobby, rooms());
    }

    private void enter(String room) {
        rooms.remove(fold(room));
        rooms.put(fold(room), room);
    }

    private static String fold(String room) {
        return room.toLowerCase(Locale.ROOT);
    }

    /**
     * The state to rebuild after a reconnection.
     *
     * @param nick  the nickname to ask for again, or null to stay a guest
     * @param lobby the room the server seats every new connection in, or null if never greeted
     * @param rooms the rooms the client was in, the current one last
     */
    public record Snapshot(String nick, String lobby, List<String> rooms) {
        public Snapshot {
            rooms = List.copyOf(rooms);
        }

        /** The commands that put a fresh connection, already in the lobby, where this snapshot was. */
        public List<String> restore() {
            var lines = new ArrayList<String>();
            if (nick != null) {
                lines.add("/nick " + nick);
            }
            if (lobby == null) {
                return lines;
            }
            boolean inLobby = rooms.stream().anyMatch(lobby::equalsIgnoreCase);
            for (String room : rooms) {
                if (!room.equalsIgnoreCase(lobby)) {
                    lines.add("/join " + room);
                }
            }
            if (!inLobby) {
                lines.add("/part " + lobby);
            } else if (rooms.size() > 1 && rooms.getLast().equalsIgnoreCase(lobby)) {
                lines.add("/join " + lobby); // it was the current room: make it so again
            }
            return lines;
        }
    }
}
