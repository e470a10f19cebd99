package org.causerie.chat;

import java.util.List;
import org.causerie.event.Event;
import org.causerie.store.Entry;
import org.causerie.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a room's holes from the store, in a cluster: an event (a message, a join, a topic...) came past
 * the next place of the room's sequence (one lost or late on the bus), or the store's last place is past
 * the room's (the last events of a quiet room lost, seen by {@link #check}). The missing events are
 * read, outside the room lock, and handed to {@link RoomOrder#accept} like the
 * bus's, so each is shown once and in order whichever comes first. Places below a committed one are
 * committed (the counter row orders the commits), so a place the store lacks was removed by retention:
 * it is skipped, and the messages among them become a {@code gap}.
 */
final class Repair {
    private static final Logger log = LoggerFactory.getLogger(Repair.class);
    /** Messages read per round; a round is a store read. */
    private static final int PAGE = 256;
    /** Rounds per repair, at most: a repair that cannot catch up ends and the next event starts another. */
    private static final int ROUNDS = 1_000;

    private final Store store;
    private final Rooms rooms;
    /** This node's name: an event read back from the store was caused here or elsewhere. */
    private final String node;

    Repair(Store store, Rooms rooms, String node) {
        this.store = store;
        this.rooms = rooms;
        this.node = node;
    }

    /** Starts repairing {@code room} on a virtual thread, unless a repair of it runs already. */
    void start(Room room) {
        if (room.order().startRepair()) {
            Thread.ofVirtual().name("repair-" + room.name()).start(() -> run(room));
        }
    }

    /** Compares every open room's high-water mark with the store's, and repairs those behind: on a reconnect, and periodically. */
    void check() {
        for (Room room : rooms.list()) {
            try {
                if (store.lastRoomSeq(room.name()) > room.order().placed()) {
                    start(room);
                }
            } catch (RuntimeException e) {
                log.warn("repair_check_failed room={} reason={}", room.name(), e.getMessage());
            }
        }
    }

    private void run(Room room) {
        run(room, 0);
    }

    /**
     * One repair of {@code room}; {@code failures} is how many repairs before it failed in a row (the
     * store unreachable): it first waits {@link #backoff} for them, holding the room's repair mark, so a
     * store that is down is asked a few times a second at most, not in a tight loop.
     */
    private void run(Room room, int failures) {
        boolean failed = false;
        try {
            if (failures > 0) {
                Thread.sleep(backoff(failures).toMillis());
            }
            for (int round = 0; round < ROUNDS; round++) {
                long after = room.order().placed();
                // Read before the page: a message held now was committed before the read, and ids commit in
                // order, so a page without it or the ids below it proves them gone. One held after the read
                // proves nothing (it and the ids before it may have been committed after the read).
                long heldBefore = room.order().firstHeld();
                List<Entry> page = store.roomSince(room.name(), after, PAGE);
                if (page.isEmpty()) {
                    if (heldBefore == 0) {
                        if (room.order().firstHeld() == 0) {
                            break; // caught up
                        }
                        continue; // a hole opened while the page was read: read again
                    }
                    room.order().skip(heldBefore - 1); // committed below a held id, and not in the store: pruned
                    continue;
                }
                if (seq(page.getFirst()) > after + 1) {
                    room.order().skip(seq(page.getFirst()) - 1);
                }
                for (Entry entry : page) {
                    switch (entry) {
                        case Entry.RoomMessage m -> room.order().accept(m.seq(), Entries.message(room.name(), m), null, false);
                        case Entry.RoomEvent e -> {
                            Event event = RoomNotes.event(RoomNotes.note(e), room.name());
                            if (event != null) {
                                room.order().accept(e.seq(), event, e.about(), !e.node().equals(node)); // carried out too
                            } else {
                                room.order().skip(e.seq()); // a kind this release does not know: its place is passed
                            }
                        }
                        default -> { }
                    }
                }
                org.causerie.metrics.Meters.REPAIRED.increment(page.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping
        } catch (RuntimeException e) {
            log.warn("repair_failed room={} failures={} reason={}", room.name(), failures + 1, e.getMessage());
            failed = true;
        } finally {
            room.order().endRepair();
        }
        int next = failed ? failures + 1 : 0;
        if (room.order().firstHeld() != 0 && room.order().startRepair()) { // a hole remains, or opened while this one ended
            Thread.ofVirtual().name("repair-" + room.name()).start(() -> run(room, next));
        }
    }

    private static long seq(Entry entry) {
        return switch (entry) {
            case Entry.RoomMessage m -> m.seq();
            case Entry.RoomEvent e -> e.seq();
            default -> throw new IllegalArgumentException("no place: " + entry);
        };
    }

    /** The wait before a repair that follows {@code failures} failed ones: 100 ms, doubling, at most 5 s. */
    static java.time.Duration backoff(int failures) {
        return java.time.Duration.ofMillis(Math.min(5_000L, 100L << Math.min(failures - 1, 10)));
    }
}
