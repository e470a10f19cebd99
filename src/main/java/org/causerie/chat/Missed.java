package org.causerie.chat;

import java.util.List;
import org.causerie.event.Event;
import org.causerie.store.Entry;
import org.causerie.store.Page;
import org.causerie.store.Store;

/**
 * The hub's one catch-up operation: a client that reconnects names the last message id it saw in a room
 * and receives exactly what it missed since, in id order, each message once, marked as missed, and then
 * the live stream, with nothing lost or doubled at the boundary; a {@code gap} first when retention
 * dropped part of it. At most {@link History#MAX_COUNT} messages come back; when more were missed, the
 * newest of them come and the reply says how to page further back.
 *
 * <p>How it stays exact without reading the store under a room lock: the missed messages up to the
 * room's last broadcast are read first, outside the lock; then, under the lock, the session joins and
 * gets what was broadcast since that read from the room's recent messages. If the recent messages no
 * longer reach back that far (a burst larger than the replay between the read and the join), the read is
 * done again, up to {@link #TRIES} times; past that the room lock is held across one read (the one
 * place a room lock waits on the store, and only under such a burst).
 */
final class Missed {
    private static final int TRIES = 3;

    private final Rooms rooms;
    private final Store store;

    Missed(Rooms rooms, Store store) {
        this.rooms = rooms;
        this.store = store;
    }

    /** What a catch-up sent: how many messages, their range, and the oldest id not sent (0: none). */
    record Result(int count, long first, long last, long olderFrom) {}

    /** Joins {@code name} (opening it if needed) with the messages after {@code after}; see the class. */
    Result join(Session session, String name, long after, Room.Request entry) {
        for (int attempt = 0; ; attempt++) {
            Room room = rooms.findOrOpen(name);
            long delivered = room.delivered();
            Read read = read(room, after, delivered);
            Room.CatchUp outcome = room.joinAfter(session, entry, read.gap(), read.messages(), read.covered());
            switch (outcome) {
                case JOINED -> {
                    return read.result();
                }
                case CLOSED -> rooms.forget(room);
                case BEHIND -> {
                    if (attempt + 1 >= TRIES) {
                        var held = new Read[1];
                        if (room.joinHolding(session, entry, () -> held[0] = read(room, after, room.delivered()))
                                == Room.CatchUp.JOINED) {
                            return held[0].result();
                        }
                        rooms.forget(room);
                    }
                }
            }
        }
    }

    /**
     * The messages of a room that this session, already in it, was never sent: those after {@code after}
     * and before the first one it got on joining. They come after what it got since (see docs/protocol.md).
     */
    Result member(Session session, Room room, long after) {
        long floor = session.floor(room);
        long upTo = Math.min(floor - 1, room.delivered());
        if (upTo <= after) {
            return new Result(0, 0, 0, 0);
        }
        Read read = read(room, after, upTo);
        if (read.gap() != null) {
            session.send(read.gap());
        }
        for (Event.Message message : read.messages()) {
            session.send(message.as(Event.Delivery.MISSED));
        }
        return read.result();
    }

    /** Messages read from the store for a catch-up, the gap before them, and the last id they cover. */
    record Read(Event.Gap gap, List<Event.Message> messages, long covered, long olderFrom) {
        Result result() {
            if (messages.isEmpty()) {
                return new Result(0, 0, 0, 0);
            }
            return new Result(messages.size(), messages.getFirst().id(), messages.getLast().id(), olderFrom);
        }
    }

    /** The stored messages in (after, upTo], the newest {@link History#MAX_COUNT} of them. */
    Read read(Room room, long after, long upTo) {
        if (upTo <= after) {
            return new Read(null, List.of(), Math.max(after, upTo), 0);
        }
        Page<Entry.RoomMessage> page = store.roomBefore(room.name(), upTo + 1, History.MAX_COUNT);
        List<Event.Message> messages = page.messages().stream().filter(m -> m.id() > after)
                .map(m -> Entries.message(room.name(), m)).toList();
        long oldestSent = messages.isEmpty() ? upTo + 1 : messages.getFirst().id();
        long olderFrom = 0;
        Event.Gap gap = null;
        long firstRetained = page.firstRetained() != 0 ? page.firstRetained() : upTo + 1;
        if (firstRetained > after + 1) {
            gap = new Event.Gap(room.name(), null, after + 1, firstRetained - 1);
        }
        if (oldestSent > Math.max(after + 1, firstRetained)) {
            olderFrom = oldestSent; // more were missed than one catch-up sends: /history ... before this id
        }
        return new Read(gap, messages, upTo, olderFrom);
    }
}
