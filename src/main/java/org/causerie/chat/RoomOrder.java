package org.causerie.chat;

import java.util.HashMap;
import java.util.TreeMap;
import org.causerie.event.Event;

/**
 * The order of a cluster's room on this node: every event of the room, messages included, has a place
 * in one sequence given by the store, and this node shows its members each event in its place, once,
 * whatever order the bus and the store bring them in. One past a hole is held until the hole fills
 * (from the bus, or from the store through {@link Repair}); places the store no longer has are skipped,
 * and the next message tells the members of the gap.
 *
 * <p>It also keeps which members of other nodes this node was shown arrive, so that their quit can be
 * told when their node dies. Every method takes the {@link Room}'s lock: what it shows is queued to the
 * members under that lock, in the room's one order.
 */
final class RoomOrder {
    private final Room room;
    /** Events received past a hole, by place, waiting for it to fill; guarded by the room's lock. */
    private final TreeMap<Long, Held> held = new TreeMap<>();
    /** The place of the last event shown (every one up to it is stored); guarded by the room's lock. */
    private long placed;
    /**
     * Members on other nodes whose arrival this node was shown (folded nick → as shown); guarded by the
     * room's lock. Only those whose join this node saw: one that joined before this node started is not here.
     */
    private final HashMap<String, String> elsewhere = new HashMap<>();
    /** Whether a {@link Repair} of this room runs now; guarded by the room's lock. */
    private boolean repairing;

    RoomOrder(Room room) {
        this.room = room;
    }

    /**
     * An event that came past a hole: a message (with its sender's identity; null: unknown, from the
     * store) or another room event, and whether another node's member caused it.
     */
    private record Held(Event event, String identity, boolean remote) {}

    /** Sets the place of the last event the store holds; called once, before the room is shared. */
    void placeAfter(long seq) {
        this.placed = seq;
    }

    /** The place of the last event shown: everything up to it is in the store. */
    long placed() {
        return room.locked(() -> placed);
    }

    /**
     * Shows an event to this node's members in the room's order: {@code seq} is its place. A place
     * already shown is dropped (the bus's copy of what the store gave, or the other way round); the next
     * is shown; one past a hole is held until the hole fills. Returns true when a hole remains, for the
     * caller to repair. {@code identity}: a message's sender, for block lists (null: unknown, from the
     * store); for another event, what carries it out on this node ({@link RoomEffects}; "" or null for
     * most); {@code remote}: whether another node's member caused it.
     */
    boolean accept(long seq, Event event, String identity, boolean remote) {
        return room.locked(() -> {
            if (seq <= placed || held.containsKey(seq)) {
                return !held.isEmpty();
            }
            if (seq > placed + 1) {
                held.put(seq, new Held(event, identity, remote));
                return true;
            }
            place(seq, event, identity, remote);
            drainHeld();
            return !held.isEmpty();
        });
    }

    /** Shows the event at place {@code seq}, the next one; call with the lock held. */
    private void place(long seq, Event event, String identity, boolean remote) {
        placed = seq;
        if (event instanceof Event.Message message) {
            room.placeMessage(message, identity);
            return;
        }
        String about = identity == null ? "" : identity;
        if (remote || event instanceof Event.Quit && !about.isEmpty()) { // or the quit of a dead node's user
            follow(event);
        }
        if (event instanceof Event.TopicChanged changed) {
            room.topicShown(changed.topic()); // the last in the room's order wins
        }
        RoomEffects effects = room.effects();
        if (effects != null && !effects.before(room, event, about, remote)) {
            return;
        }
        room.broadcastBut(event, remote ? null : joiner(event));
        if (effects != null) {
            effects.after(room, event, about, remote);
        }
    }

    /** Keeps {@link #elsewhere} up to date with an event about a member of another node; call with the lock held. */
    private void follow(Event event) {
        switch (event) {
            case Event.Joined joined -> elsewhere.put(Names.fold(joined.nick()), joined.nick());
            case Event.Parted parted -> elsewhere.remove(Names.fold(parted.nick()));
            case Event.Quit quit -> elsewhere.remove(Names.fold(quit.nick()));
            case Event.Kicked kicked -> elsewhere.remove(Names.fold(kicked.nick()));
            case Event.NickChanged renamed -> {
                if (elsewhere.remove(Names.fold(renamed.nick())) != null) {
                    elsewhere.put(Names.fold(renamed.newNick()), renamed.newNick());
                }
            }
            default -> { }
        }
    }

    /** The nickname (folded) of this node's member whose own join {@code event} is: it heard it at once. */
    static String joiner(Event event) {
        return event instanceof Event.Joined joined ? Names.fold(joined.nick()) : null;
    }

    /**
     * Shows this node's members an event another node's member caused with no place (a version 1 node's);
     * a topic is kept as this room's topic too. Moderation (modes, bans) is not copied: see docs/cluster.md.
     */
    void show(Event event) {
        room.locked(() -> {
            follow(event);
            if (event instanceof Event.TopicChanged changed) {
                room.topicShown(changed.topic());
            }
            room.broadcastBut(event, null);
        });
    }

    /**
     * Shows this node's members a room event of theirs whose commit failed (the store down): it has no
     * place and the other nodes never see it, but this node's members see it as on a single node.
     */
    void unplaced(Event event) {
        room.locked(() -> {
            RoomEffects effects = room.effects();
            if (effects != null && (event instanceof Event.Invited || RoomNotes.closing(event))) {
                effects.before(room, event, "", false); // told, or carried out, here only: as on one node
                return;
            }
            room.broadcastBut(event, joiner(event));
        });
    }

    /**
     * Tells this node's members that {@code nick}, a member on another node that died, is gone: if
     * {@code known} (the cluster's presence says it was in this room), or else if this room was told it
     * came; never while a member of this node holds that name. Returns whether it told.
     */
    boolean lost(String nick, String reason, boolean known) {
        return room.locked(() -> {
            String shown = elsewhere.remove(Names.fold(nick));
            if (known && shown == null) {
                shown = nick;
            }
            if (shown != null && !room.roster().called(nick).isEmpty()) { // a member here holds the name
                shown = null;
            }
            if (shown != null) {
                room.broadcastBut(new Event.Quit(room.name(), shown, reason), null);
            }
            return shown != null;
        });
    }

    /**
     * Gives up on places up to {@code to} that the store no longer has (retention removed them): delivery
     * goes on after them, and the next message tells the members of the messages lost with a gap. Call
     * only with places the store is known to lack.
     */
    void skip(long to) {
        room.locked(() -> {
            if (to > placed) {
                placed = to;
                drainHeld();
            }
        });
    }

    /** The lowest place held back past a hole, or 0 when none is. */
    long firstHeld() {
        return room.locked(() -> held.isEmpty() ? 0 : held.firstKey());
    }

    /** Marks a repair as running; false if one runs already (it will see what this caller saw). */
    boolean startRepair() {
        return room.locked(() -> {
            if (repairing) {
                return false;
            }
            repairing = true;
            return true;
        });
    }

    void endRepair() {
        room.locked(() -> {
            repairing = false;
        });
    }

    /** Shows the held events that now follow {@link #placed}; call with the lock held. */
    private void drainHeld() {
        while (!held.isEmpty() && held.firstKey() <= placed + 1) {
            var next = held.pollFirstEntry();
            if (next.getKey() == placed + 1) {
                Held event = next.getValue();
                place(next.getKey(), event.event(), event.identity(), event.remote());
            }
        }
    }
}
