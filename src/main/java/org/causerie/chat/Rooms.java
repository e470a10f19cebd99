package org.causerie.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.causerie.event.Event;
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
    /** How long a reopening room waits for its previous stay's messages to be stored. */
    private static final java.time.Duration FLUSH_WAIT = java.time.Duration.ofSeconds(5);
    /** The last mode changes a node applies over a room's stored state when it opens a room open elsewhere. */
    private static final int MODES_REPLAYED = 1_000;

    private final ConcurrentHashMap<String, Room> byName = new ConcurrentHashMap<>();
    /**
     * Folded name → the last id a closed room gave. A room that closes while its last messages still wait
     * in the journal must not reopen numbering from the store's older last id: the duplicate id would
     * fail the whole group commit. Written before the closed room leaves {@link #byName}, read when a room
     * of that name opens again and at its first message. Entries are kept (one per name of a closed guest
     * room): dropping one while another open of the same name is under way brought the duplicates back.
     */
    private final ConcurrentHashMap<String, Long> closedAt = new ConcurrentHashMap<>();
    /**
     * Folded name → the future of the one join opening that room now (reading the store). A name is
     * opened by one join at a time, so no other stay of it can open and close between that read and the
     * room's entry in {@link #byName}: its last id and replay are current when it is shared.
     */
    private final ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Void>> opening = new ConcurrentHashMap<>();
    private final Journal journal;
    private final int replay;
    /** Whether other nodes publish to these rooms (see {@link RoomOrder}). */
    private final boolean shared;
    /** Where rooms send the events their members cause, for the other nodes; set once by the hub. */
    private volatile java.util.function.BiConsumer<Event, String> outward = (event, about) -> { };
    /** What a placed event does on this node besides being shown; null on a single node. */
    private volatile RoomEffects effects;
    /**
     * Whether this node opens a room anew, given the room's name and this stay's mark (a cluster's
     * {@link org.causerie.store.Claims#opens}, decided once in the store); set once by the hub. Without a
     * cluster no other node has it open.
     */
    private volatile java.util.function.BiPredicate<String, String> opensAnew = (name, stay) -> true;
    /** Removes this node's mark of a stay of a room that closed here ({@link org.causerie.store.Claims#closed}). */
    private volatile java.util.function.BiConsumer<String, String> closedHere = (name, stay) -> { };
    /**
     * Folded room name → identities of this node's sessions invited to it by another node while it was
     * not open here (a guest's invitation is not stored): given to the room when it opens.
     */
    private final ConcurrentHashMap<String, java.util.Set<String>> invitedHere = new ConcurrentHashMap<>();
    /** The lobby's folded name, set once by {@link #load}. */
    private String lobby = "";

    Rooms(Journal journal, int replay, boolean shared) {
        this.journal = journal;
        this.replay = replay;
        this.shared = shared;
    }

    /** Sets where the rooms' own events go to reach the other nodes; before {@link #load}. */
    void outward(java.util.function.BiConsumer<Event, String> outward) {
        this.outward = outward;
    }

    /** Sets what the rooms' placed events do besides being shown (a cluster's); called once, before use. */
    void effects(RoomEffects effects) {
        this.effects = effects;
    }

    /** Sets how a room opened here is known to be open on no other node, and how its closing is said; before {@link #load}. */
    void openings(java.util.function.BiPredicate<String, String> opensAnew,
            java.util.function.BiConsumer<String, String> closedHere) {
        this.opensAnew = opensAnew;
        this.closedHere = closedHere;
    }

    /** Opens the lobby and every room the store keeps. */
    void load(String lobby) {
        this.lobby = Names.fold(lobby);
        for (RoomRecord record : journal.store().rooms()) {
            byName.put(Names.fold(record.name()), open(record.name(), true, record.ownerAccountId(), record.topic()));
        }
        byName.computeIfAbsent(Names.fold(lobby), key -> open(lobby, true, 0, ""));
    }

    /** Keeps an invitation to a room not open here for its opening (see {@link #invitedHere}). */
    void invitedHere(String name, String identity) {
        invitedHere.computeIfAbsent(Names.fold(name), key -> ConcurrentHashMap.newKeySet()).add(identity);
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
            Room room = findOrOpen(name);
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
            drop(key, room); // closed under our feet: its leaver may not have removed it yet
        }
    }

    /**
     * The room called {@code name}, opened (empty) if there is none. One join at a time opens a given
     * name ({@link #opening}); the others wait for it, holding no lock. Without that, a room could read
     * the store, then be overtaken by a whole other stay of its name (opened, spoken in, closed) before it
     * entered the registry, and share a replay without that stay's last messages.
     */
    Room findOrOpen(String name) {
        String key = Names.fold(name);
        while (true) {
            Room room = byName.get(key);
            if (room != null) {
                return room;
            }
            var mine = new java.util.concurrent.CompletableFuture<Void>();
            var other = opening.putIfAbsent(key, mine);
            if (other != null) {
                other.join(); // completed whatever the opening's outcome (finally below)
                continue;
            }
            try {
                room = byName.get(key); // shared between our look and our claim
                if (room == null) {
                    room = open(name, false, 0, "");
                    byName.put(key, room); // nobody else opens this name meanwhile
                }
                return room;
            } finally {
                opening.remove(key, mine);
                mine.complete(null);
            }
        }
    }

    /** Takes {@code session} out of {@code room}; drops the room if that emptied it. */
    void leave(Room room, Session session, Event event, boolean tellLeaver) {
        if (room.leave(session, event, tellLeaver)) {
            drop(Names.fold(room.name()), room);
        }
    }

    /** Closes and drops a guest room that a kick emptied (a leave would have done the same). */
    void leaveEmpty(Room room) {
        if (room.closeIfEmpty()) {
            drop(Names.fold(room.name()), room);
        }
    }

    /** Drops a closed room from the registry. */
    void forget(Room room) {
        drop(Names.fold(room.name()), room);
    }

    /**
     * Removes a closed room, remembering its last id first (see {@link #closedAt}); in a cluster, removes this
     * node's mark of its stay, which names that stay alone (a later stay's mark, written meanwhile, stays).
     */
    private void drop(String key, Room room) {
        closedAt.merge(key, room.lastId(), Math::max);
        if (byName.remove(key, room) && !room.stay().isEmpty()) {
            try {
                closedHere.accept(room.name(), room.stay());
            } catch (RuntimeException e) { // the database away: the mark goes when this node rewrites its rows
                org.slf4j.LoggerFactory.getLogger(Rooms.class).warn("room_closed_unmarked room={} reason={}",
                        room.name(), e.getMessage());
            }
        }
    }

    Journal journal() {
        return journal;
    }

    List<Room> list() {
        var rooms = new ArrayList<>(byName.values());
        rooms.sort(Comparator.comparing(Room::name, String.CASE_INSENSITIVE_ORDER));
        return rooms;
    }

    private Room open(String name, boolean permanent, long owner, String topic) {
        Store store = journal.store();
        String key = Names.fold(name);
        Long closed = closedAt.get(key);
        if (closed != null && store.lastRoomId(name) < closed) {
            // its last messages are still on their way to the store: let them land, so that the numbering
            // and the replay both start after them
            journal.flush(FLUSH_WAIT);
        }
        // The place first, then the last id and the replay: a message committed between the two reads is
        // past the place, and its id is not past the last one: it is in the replay, and not shown twice.
        long place = shared ? store.lastRoomSeq(name) : 0;
        long stored = store.lastRoomId(name);
        long last = closed == null ? stored : Math.max(stored, closed);
        List<Event.Message> recent = replay == 0 ? List.of()
                : store.roomBefore(name, Long.MAX_VALUE, replay).messages().stream()
                        .map(m -> Entries.message(name, m)).toList();
        boolean isLobby = key.equals(lobby);
        if (shared && !permanent && !isLobby) { // another node may have made it a lasting room since this one started
            for (RoomRecord record : store.rooms()) {
                if (Names.fold(record.name()).equals(key)) {
                    permanent = true;
                    owner = record.ownerAccountId();
                    topic = record.topic();
                }
            }
        }
        // In a cluster a room that does not last keeps its modes and bans in the store while any node has it
        // open: a node that opens it after another reads them; one that opens it anew forgets the last stay's.
        // Which of the two is decided once, in the store: two nodes opening it at one instant never both open it anew.
        String stay = "";
        boolean joining = false;
        if (shared && !permanent && !isLobby) {
            stay = java.util.UUID.randomUUID().toString();
            joining = !opensAnew.test(name, stay);
        }
        if (shared && !permanent && !isLobby && !joining) {
            store.deleteRoom(name);
        }
        if (joining) { // its topic is the last one set in the room's order up to its place, on any node
            String shown = store.roomTopicAt(name, place);
            if (shown != null) {
                topic = shown;
            }
        }
        var state = permanent || isLobby || joining ? store.roomState(name).orElse(null) : null;
        var room = new Room(name, permanent, owner, topic, last, recent, journal, replay, state, isLobby, shared);
        if (joining) { // the stored state is its last writer's, who may have written it before a change it showed
            for (var change : store.roomModesAt(name, place, MODES_REPLAYED)) {
                room.locked(() -> RoomEffects.apply(room, change.text(), change.about()));
            }
        }
        room.order().placeAfter(place);
        room.numberAfter(() -> closedAt.getOrDefault(key, 0L)); // another stay may close before this one is shared
        room.outward(outward);
        room.effects(effects);
        room.stay(stay);
        if (joining) {
            room.openedElsewhere(); // its operators are on the nodes that opened it
        }
        java.util.Set<String> invited = invitedHere.remove(key);
        if (invited != null) {
            room.locked(() -> room.modes.invited.addAll(invited));
        }
        return room;
    }

}
