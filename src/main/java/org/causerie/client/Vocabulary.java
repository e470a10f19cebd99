package org.causerie.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.causerie.event.Event;

/**
 * The words the prompt completes that come from the server: its commands, as its {@code /help} lists
 * them (so the list cannot drift from the server's table), and the rooms the client has heard of, from
 * {@code /rooms} and from any event that names a room. Written by the reader thread, read by the line
 * editor's: every method holds this object's lock.
 */
final class Vocabulary {
    /** Until the server's /help has answered: the commands every server of this protocol has. */
    private List<String> commands = List.of("/help", "/quit");
    /** Folded name → name, sorted. */
    private final TreeMap<String, String> rooms = new TreeMap<>();

    synchronized void observe(Event event) {
        switch (event) {
            case Event.Reply r when "help".equals(r.command()) && !r.items().isEmpty() -> commands = names(r.items());
            case Event.Reply r when "rooms".equals(r.command()) -> r.items().forEach(this::room);
            case Event.Message m -> room(m.room());
            case Event.Joined j -> room(j.room());
            case Event.TopicChanged t -> room(t.room());
            case Event.Welcome w -> room(w.room());
            default -> {}
        }
    }

    /** The server's commands, with their slash, in the order of its /help. */
    synchronized List<String> commands() {
        return commands;
    }

    /** The rooms heard of, sorted. */
    synchronized List<String> rooms() {
        return new ArrayList<>(rooms.values());
    }

    private void room(String room) {
        if (room != null && room.startsWith("#")) {
            rooms.putIfAbsent(room.toLowerCase(Locale.ROOT), room);
        }
    }

    /** The command names of /help's usages ("/join ROOM [KEY]" → "/join"). */
    private static List<String> names(List<String> usages) {
        var names = new ArrayList<String>();
        for (String usage : usages) {
            int space = usage.indexOf(' ');
            String name = space < 0 ? usage : usage.substring(0, space);
            if (name.startsWith("/") && !names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }
}
