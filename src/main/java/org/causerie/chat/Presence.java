package org.causerie.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.causerie.event.Event;
import org.causerie.store.Claims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in which room on the other nodes of a cluster. Each node writes its own members to the shared
 * store ({@link Claims#present}, table {@code room_members}) as the room tells their joins, parts, quits,
 * kicks and nickname changes; /who, /names and /rooms read the other live nodes' rows. The store, not
 * the notes, is the record: a node started late reads every member that joined before it, and when a
 * node dies, a live node takes its rows ({@link Claims#takeGone}) and every node tells those quits.
 *
 * <p>The writes run on one virtual thread, in the order the rooms told the events (a join is never
 * written after its part), off the rooms' locks. A failed write (the database away) marks the node's
 * rows stale: at the next renewal that succeeds, the node rewrites its rows from its rooms
 * ({@link #resync}). On a single node there is no presence: the rooms know everyone.
 */
final class Presence {
    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    /** One write: a member in or out of a room. */
    private record Change(String room, String nick, String identity, boolean in) {}

    private final Claims claims;
    private final String node;
    private final Duration lease;
    private final Rooms rooms;
    private final Nicks nicks;
    private final LinkedBlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    /** How many changes were queued, and how many written (or failed); guarded by this object's monitor. */
    private long queued;
    private long written;
    /** Set when a write failed: this node's rows may be wrong until {@link #resync}. */
    private volatile boolean stale;
    private final Thread writer;

    Presence(Claims claims, String node, Duration lease, Rooms rooms, Nicks nicks) {
        this.claims = claims;
        this.node = node;
        this.lease = lease;
        this.rooms = rooms;
        this.nicks = nicks;
        this.writer = Thread.ofVirtual().name("presence").start(this::write);
    }

    /**
     * Notes an event a room of this node told its members and the other nodes; called under the room's
     * lock, so it only queues.
     */
    void changed(Event event) {
        switch (event) {
            case Event.Joined e -> queue(new Change(e.room(), e.nick(), identity(e.nick()), true));
            case Event.Parted e -> queue(new Change(e.room(), e.nick(), "", false));
            case Event.Quit e -> queue(new Change(e.room(), e.nick(), "", false));
            case Event.Kicked e -> queue(new Change(e.room(), e.nick(), "", false));
            case Event.NickChanged e -> {
                queue(new Change(e.room(), e.nick(), "", false));
                queue(new Change(e.room(), e.newNick(), identity(e.newNick()), true));
            }
            default -> { }
        }
    }

    private synchronized void queue(Change change) {
        queued++;
        changes.add(change);
    }

    /**
     * Waits, at most {@code limit}, until what was queued so far is written: a room's first member waits
     * for it, so that another node opening the room just after knows it was opened (its first member there
     * is not made an operator).
     */
    synchronized void settle(Duration limit) {
        long target = queued;
        long deadline = System.nanoTime() + limit.toNanos();
        while (written < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void wrote() {
        written++;
        notifyAll();
    }

    private String identity(String nick) {
        List<Session> held = nicks.sessions(nick);
        return held.isEmpty() ? "" : held.getFirst().identity();
    }

    /** Writes the queued changes until interrupted. */
    private void write() {
        while (true) {
            Change change;
            try {
                change = changes.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (change.in()) {
                    claims.present(new Claims.Member(change.room(), change.nick(), change.identity(), node));
                } else if (!localMember(change.room(), change.nick())) { // another session of that account stays
                    claims.absent(change.room(), change.nick(), node);
                }
            } catch (RuntimeException e) {
                stale = true;
                log.warn("presence_write_failed room={} nick={} reason={}", change.room(), change.nick(), e.getMessage());
            }
            wrote();
        }
    }

    void stop() {
        writer.interrupt();
    }

    private boolean localMember(String room, String nick) {
        Room open = rooms.find(room);
        if (open == null) {
            return false;
        }
        String key = Names.fold(nick);
        return open.nicks().stream().anyMatch(shown -> Names.fold(shown).equals(key));
    }

    /** Whether a write failed since the last {@link #resync}. */
    boolean stale() {
        return stale;
    }

    /**
     * Replaces this node's rows with its rooms' members now, and returns the members of the rows it
     * removed who are no longer here (an earlier life's users, or those that left while the database was
     * away): the caller tells their quits.
     */
    List<Claims.Member> resync() {
        stale = false;
        List<Claims.Member> before = claims.takeOwn(node);
        Set<String> here = new HashSet<>();
        for (Room room : rooms.list()) {
            for (String nick : room.nicks()) {
                if (!room.unannounced(nicks.sessions(nick).stream().findFirst().orElse(null))) {
                    claims.present(new Claims.Member(room.name(), nick, identity(nick), node));
                    here.add(Names.fold(room.name()) + " " + Names.fold(nick));
                }
            }
        }
        return before.stream().filter(m -> !here.contains(Names.fold(m.room()) + " " + Names.fold(m.nick()))).toList();
    }

    /** Takes the rows of dead nodes: see {@link Claims#takeGone}. */
    List<Claims.Gone> sweep() {
        return claims.takeGone(node, lease);
    }

    /** The rooms where {@code identity} (an account) has a member on another live node. */
    List<String> roomsOf(String identity) {
        return claims.roomsOf(identity, node, lease);
    }

    /** The members of {@code room} on the other live nodes. */
    List<Claims.Member> elsewhere(Room room) {
        return elsewhere(room.name());
    }

    /** The members of the room called {@code name} on the other live nodes. */
    List<Claims.Member> elsewhere(String name) {
        return claims.membersElsewhere(name, node, lease);
    }

    /** The member of {@code room} called {@code nick} on another live node, or null. */
    Claims.Member elsewhere(Room room, String nick) {
        String key = Names.fold(nick);
        return elsewhere(room).stream().filter(m -> Names.fold(m.nick()).equals(key)).findFirst().orElse(null);
    }

    /**
     * The members of {@code room} on every node, each marked as {@link Room#nicksWithStatus} marks them:
     * this node's first, in order of arrival, then the other nodes', each nickname once.
     */
    List<String> names(Room room) {
        List<String> local = room.nicksWithStatus();
        List<Claims.Member> remote = elsewhere(room);
        if (remote.isEmpty()) {
            return local;
        }
        var seen = new HashSet<String>();
        local.forEach(entry -> seen.add(Names.fold(entry.replaceFirst("^[@+]+", ""))));
        var all = new ArrayList<>(local);
        room.locked(() -> {
            for (Claims.Member member : remote) {
                if (seen.add(Names.fold(member.nick()))) {
                    all.add((room.modes.operators.contains(member.identity()) ? "@" : "")
                            + (room.modes.voiced.contains(member.identity()) ? "+" : "") + member.nick());
                }
            }
        });
        return all;
    }

    /** The rooms that have members on other live nodes, by folded name, with those members' counts. */
    Map<String, Claims.Count> roomsElsewhere() {
        var counts = new HashMap<String, Claims.Count>();
        for (Claims.Count count : claims.roomsElsewhere(node, lease)) {
            counts.put(Names.fold(count.room()), count);
        }
        return counts;
    }
}
