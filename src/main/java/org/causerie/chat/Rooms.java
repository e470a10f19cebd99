package org.causerie.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.causerie.store.Entry;
import org.causerie.store.RoomRecord;
import org.causerie.store.Store;

/**
 * The registry of rooms, by folded name. A guest's room is created by its first join and removed when
 * its last member leaves; the lobby and rooms owned by an account stay, and the owned ones come back
 * from the store at start. A room is opened from the store (its last id, its last messages for the
 * replay) before it enters the registry, never under a lock. A join that races with the removal of the
 * same room finds it closed and retries on a fresh one, so nobody is left in a room the registry forgot.
 */
final class Rooms {
    private final ConcurrentHashMap<String, Room> byName = new ConcurrentHashMap<>();
    private final Journal journal;
    private final int replay;
    /** The lobby's folded name, set once by {@link #load}. */
    private String lobby = "";

    Rooms(Journal journal, int replay) {
        this.journal = journal;
        this.replay = replay;
    }

    /** Opens the lobby and every room the store keeps. */
    void load(String lobby) {
        this.lobby = Names.fold(lobby);
        for (RoomRecord record : journal.store().rooms()) {
            byName.put(Names.fold(record.name()), open(record.name(), true, record.ownerAccountId(), record.topic()));
        }
        byName.computeIfAbsent(Names.fold(lobby), key -> open(lobby, true, 0, ""));
    }

    Room find(String name) {
        return byName.get(Names.fold(name));
    }

    Room require(String name) {
        Room room = find(name);
        if (room == null) {
            throw new ChatException("no-such-room", "there is no room " + name);
        }
        return room;
    }

    /** Puts {@code session} in the room named {@code name}, creating it if needed; refusals are thrown. */
    Room join(Session session, String name, Room.Request entry) {
        String key = Names.fold(name);
        while (true) {
            Room room = byName.get(key);
            if (room == null) {
                Room fresh = open(name, false, 0, "");
                room = byName.putIfAbsent(key, fresh);
                if (room == null) {
                    room = fresh;
                }
            }
            boolean joined;
            try {
                joined = room.join(session, entry);
            } catch (ChatException refused) {
                leaveEmpty(room); // a room made for this join, and refused (a key it has not), must not stay
                throw refused;
            }
            if (joined) {
                return room;
            }
            byName.remove(key, room); // closed under our feet: its leaver may not have removed it yet
        }
    }

    /** The room called {@code name}, opened (empty) if there is none. */
    Room findOrOpen(String name) {
        String key = Names.fold(name);
        Room room = byName.get(key);
        if (room == null) {
            Room fresh = open(name, false, 0, "");
            room = byName.putIfAbsent(key, fresh);
            if (room == null) {
                room = fresh;
            }
        }
        return room;
    }

    /** Takes {@code session} out of {@code room}; drops the room if that emptied it. */
    void leave(Room room, Session session, Event event, boolean tellLeaver) {
        if (room.leave(session, event, tellLeaver)) {
            byName.remove(Names.fold(room.name()), room);
        }
    }

    /** Closes and drops a guest room that a kick emptied (a leave would have done the same). */
    void leaveEmpty(Room room) {
        if (room.closeIfEmpty()) {
            byName.remove(Names.fold(room.name()), room);
        }
    }

    /** Drops a closed room from the registry. */
    void forget(Room room) {
        byName.remove(Names.fold(room.name()), room);
    }

    List<Room> list() {
        var rooms = new ArrayList<>(byName.values());
        rooms.sort(Comparator.comparing(Room::name, String.CASE_INSENSITIVE_ORDER));
        return rooms;
    }

    private Room open(String name, boolean permanent, long owner, String topic) {
        Store store = journal.store();
        List<Event.Message> recent = replay == 0 ? List.of()
                : store.roomBefore(name, Long.MAX_VALUE, replay).messages().stream()
                        .map(m -> toEvent(name, m)).toList();
        boolean isLobby = Names.fold(name).equals(lobby);
        var state = permanent || isLobby ? store.roomState(name).orElse(null) : null;
        return new Room(name, permanent, owner, topic, store.lastRoomId(name), recent, journal, replay, state, isLobby);
    }

    static Event.Message toEvent(String room, Entry.RoomMessage m) {
        return new Event.Message(m.id(), m.ts(), room, m.from(), m.text(), m.action());
    }
}
