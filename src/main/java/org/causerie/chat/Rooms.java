package org.causerie.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of rooms, by folded name. A room is created by its first join and removed when its last
 * member leaves, unless it is permanent (the lobby). A join that races with the removal of the same room
 * finds it closed and retries on a fresh one, so nobody is ever left in a room the registry forgot.
 */
final class Rooms {
    private final ConcurrentHashMap<String, Room> byName = new ConcurrentHashMap<>();

    Room permanent(String name) {
        return byName.computeIfAbsent(Names.fold(name), key -> new Room(name, true));
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

    /** Puts {@code session} in the room named {@code name}, creating it if needed. */
    Room join(Session session, String name) {
        String key = Names.fold(name);
        while (true) {
            Room room = byName.computeIfAbsent(key, k -> new Room(name, false));
            if (room.join(session)) {
                return room;
            }
            byName.remove(key, room); // closed under our feet: its leaver may not have removed it yet
        }
    }

    /** Takes {@code session} out of {@code room}; drops the room if that emptied it. */
    void leave(Room room, Session session, Event event, boolean tellLeaver) {
        if (room.leave(session, event, tellLeaver)) {
            byName.remove(Names.fold(room.name()), room);
        }
    }

    List<Room> list() {
        var rooms = new ArrayList<>(byName.values());
        rooms.sort(Comparator.comparing(Room::name, String.CASE_INSENSITIVE_ORDER));
        return rooms;
    }
}
