package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import org.causerie.store.Claims;

/**
 * Who is in which room, and which rooms are open, on every node of the cluster (this node alone on a
 * single node): for /who, /rooms, IRC's NAMES, WHO and LIST. This node's rooms answer for their own
 * members; the other nodes' come from the cluster's {@link Presence}.
 */
public final class Directory {
    private final Rooms rooms;
    /** Null on a single node. */
    private final Presence presence;

    Directory(Rooms rooms, Presence presence) {
        this.rooms = rooms;
        this.presence = presence;
    }

    /**
     * The members of {@code room} on every node of the cluster, each after its status as IRC writes it
     * ({@code @} an operator, {@code +} voiced): this node's in order of arrival, then the others'.
     */
    public List<String> members(Room room) {
        return presence == null ? room.nicksWithStatus() : presence.names(room);
    }

    /** A room's name as spelled and its members on every node, marked as {@link #members(Room)} marks them. */
    public record Members(String room, List<String> marked) {}

    /**
     * The members of the room called {@code name} on every node: a room open here, or, in a cluster, one
     * that has members on other nodes only (without their status, which this node does not know). Throws
     * {@code no-such-room} for neither.
     */
    public Members members(String name) {
        Names.checkRoom(name);
        Room room = rooms.find(name);
        if (room != null) {
            return new Members(room.name(), members(room));
        }
        List<Claims.Member> remote = presence == null ? List.of() : presence.elsewhere(name);
        if (remote.isEmpty()) {
            throw new ChatException("no-such-room", "there is no room " + name);
        }
        var seen = new java.util.HashSet<String>();
        var nicks = new ArrayList<String>();
        remote.stream().filter(m -> seen.add(Names.fold(m.nick()))).forEach(m -> nicks.add(m.nick()));
        return new Members(remote.getFirst().room(), nicks);
    }

    /** A room as /rooms and LIST show it: its name, its members on every node, its topic as this node knows it. */
    public record Listed(String name, int members, String topic) {}

    /** The rooms open on any node of the cluster (this node's alone on a single node), by name. */
    public List<Listed> listRooms() {
        var listed = new ArrayList<Listed>();
        var elsewhere = presence == null ? java.util.Map.<String, Claims.Count>of() : presence.roomsElsewhere();
        var seen = new java.util.HashSet<String>();
        for (Room room : rooms.list()) {
            String key = Names.fold(room.name());
            seen.add(key);
            Claims.Count there = elsewhere.get(key);
            listed.add(new Listed(room.name(), room.size() + (there == null ? 0 : there.members()), room.topic()));
        }
        for (var there : elsewhere.entrySet()) {
            if (seen.add(there.getKey())) {
                listed.add(new Listed(there.getValue().room(), there.getValue().members(), ""));
            }
        }
        listed.sort(java.util.Comparator.comparing(Listed::name, String.CASE_INSENSITIVE_ORDER));
        return listed;
    }
}
