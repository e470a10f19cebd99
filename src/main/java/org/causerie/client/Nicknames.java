package org.causerie.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.causerie.event.Event;

/**
 * The nicknames the client has seen, for tab completion: the members of each room it is in (from
 * join, part, quit and nick events, message senders and {@code /who} answers) and the people it
 * exchanged private messages with. Written by the reader thread, read by the line editor: every
 * method holds this object's lock.
 */
public final class Nicknames {
    /** Folded room name → members as the server spells them. */
    private final Map<String, Set<String>> rooms = new HashMap<>();
    private final Set<String> correspondents = newSet();

    /** Learns from one event; {@code self} is the client's own nickname, when known. */
    public synchronized void observe(Event event, String self) {
        switch (event) {
            case Event.Welcome w -> rooms.clear(); // a new connection: the old rooms' members are stale
            case Event.Joined j -> members(j.room()).add(j.nick());
            case Event.Parted p when p.nick().equalsIgnoreCase(String.valueOf(self)) -> rooms.remove(fold(p.room()));
            case Event.Parted p -> members(p.room()).remove(p.nick());
            case Event.Quit q -> {
                members(q.room()).remove(q.nick());
                correspondents.remove(q.nick());
            }
            case Event.NickChanged n -> rename(n.nick(), n.newNick());
            case Event.Message m -> members(m.room()).add(m.from());
            case Event.Private p -> {
                correspondents.add(p.from());
                correspondents.add(p.to());
            }
            case Event.Reply r when "who".equals(r.command()) && r.text().contains(" (") -> {
                Set<String> members = members(r.text().substring(0, r.text().indexOf(" (")));
                members.clear();
                members.addAll(r.items());
            }
            default -> {}
        }
    }

    /** Every known nickname, in case-insensitive order. */
    public synchronized List<String> all() {
        Set<String> all = newSet();
        rooms.values().forEach(all::addAll);
        all.addAll(correspondents);
        return new ArrayList<>(all);
    }

    /** The known nicknames that start with {@code prefix}, ignoring case. */
    public List<String> complete(String prefix) {
        String folded = prefix.toLowerCase(Locale.ROOT);
        return all().stream().filter(nick -> nick.toLowerCase(Locale.ROOT).startsWith(folded)).toList();
    }

    /** The members of {@code room} as far as the client knows them. */
    public synchronized List<String> in(String room) {
        Set<String> members = rooms.get(fold(room));
        return members == null ? List.of() : new ArrayList<>(members);
    }

    private void rename(String old, String now) {
        for (Set<String> members : rooms.values()) {
            if (members.remove(old)) {
                members.add(now);
            }
        }
        if (correspondents.remove(old)) {
            correspondents.add(now);
        }
    }

    private Set<String> members(String room) {
        return rooms.computeIfAbsent(fold(room), key -> newSet());
    }

    private static String fold(String room) {
        return room.toLowerCase(Locale.ROOT);
    }

    /** Nicknames differ by more than case on the server, so a set folds case too. */
    private static Set<String> newSet() {
        return new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    }
}
