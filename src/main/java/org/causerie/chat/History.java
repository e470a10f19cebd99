package org.causerie.chat;

import java.util.List;
import org.causerie.event.Event;
import org.causerie.store.Entry;
import org.causerie.store.Page;
import org.causerie.store.Store;

/**
 * Reading history back: the last messages of a room or of a private conversation, pages further back,
 * and everything after an id, for a client catching up after a reconnect. What the store's retention
 * dropped is reported as a {@link Event.Gap}, never skipped in silence.
 */
public final class History {
    public static final int DEFAULT_COUNT = 20;
    public static final int MAX_COUNT = 500;

    /** Which messages: the latest, those before an id, or those after one. */
    public record Query(Mode mode, long id, int count) {
        public enum Mode { LATEST, BEFORE, AFTER }

        public Query {
            if (count < 1 || count > MAX_COUNT) {
                throw new ChatException("bad-usage", "a count is between 1 and " + MAX_COUNT);
            }
            if (id < 0) {
                throw new ChatException("bad-usage", "an id is a positive number");
            }
        }
    }

    /** What a query found: how many messages were sent, their id range, and whether more are there. */
    public record Result(int count, long first, long last, boolean more) {}

    private final Hub hub;
    private final Store store;

    History(Hub hub, Store store) {
        this.hub = hub;
        this.store = store;
    }

    /** Sends the room's messages that match to {@code reader}, marked as history. */
    public Result room(Session reader, String name, Query query) {
        String room = hub.historyName(name); // a room that emptied and closed keeps its history
        hub.checkReadable(reader, room);
        Page<Entry.RoomMessage> page = switch (query.mode()) {
            case LATEST -> store.roomBefore(room, Long.MAX_VALUE, query.count());
            case BEFORE -> store.roomBefore(room, query.id(), query.count());
            case AFTER -> store.roomAfter(room, query.id(), query.count());
        };
        // When retention emptied the room's history, the first id it still has is the next one to come.
        long firstRetained = page.firstRetained() != 0 ? page.firstRetained() : hub.lastId(room) + 1;
        reportGap(reader, query, firstRetained, room, null);
        for (Entry.RoomMessage m : page.messages()) {
            reader.send(Entries.message(room, m).as(Event.Delivery.HISTORY));
        }
        return result(page.messages().stream().map(Entry.RoomMessage::id).toList(), query, page.firstRetained());
    }

    /** Sends the reader's private conversation with {@code nick}, marked as history. */
    public Result conversation(Session reader, String nick, Query query) {
        String conversation = Store.conversation(reader.identity(), peer(nick));
        Page<Entry.PrivateMessage> page = switch (query.mode()) {
            case LATEST -> store.privateBefore(conversation, Long.MAX_VALUE, query.count());
            case BEFORE -> store.privateBefore(conversation, query.id(), query.count());
            case AFTER -> store.privateAfter(conversation, query.id(), query.count());
        };
        reportGap(reader, query, page.firstRetained(), null, nick);
        for (Entry.PrivateMessage p : page.messages()) {
            reader.send(Entries.message(p, Event.Delivery.HISTORY));
        }
        return result(page.messages().stream().map(Entry.PrivateMessage::id).toList(), query, page.firstRetained());
    }

    /**
     * The id of the last message of room or conversation {@code target} (a room name, or a nickname)
     * stored at or before {@code ts}, or 0 when none is: a binary search over ids (a room's and a
     * conversation's times grow with their ids), one one-row read per step. Checks that {@code reader}
     * may read it, as {@link #room} and {@link #conversation} do.
     */
    public long idAt(Session reader, String target, java.time.Instant ts) {
        java.util.function.LongFunction<java.time.Instant> timeUpTo;
        long high;
        if (target.startsWith("#")) {
            String room = hub.historyName(target);
            hub.checkReadable(reader, room);
            high = hub.lastId(room);
            timeUpTo = id -> store.roomBefore(room, id + 1, 1).messages().stream().map(Entry.RoomMessage::ts)
                    .findFirst().orElse(null);
        } else {
            String conversation = Store.conversation(reader.identity(), peer(target));
            high = store.lastPrivateId(conversation);
            timeUpTo = id -> store.privateBefore(conversation, id + 1, 1).messages().stream()
                    .map(Entry.PrivateMessage::ts).findFirst().orElse(null);
        }
        long low = 0; // invariant: every message up to low was stored at or before ts
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            java.time.Instant at = timeUpTo.apply(mid);
            if (at == null || !at.isAfter(ts)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The time of the last message of {@code target} with an id up to {@code id}, or null when none is kept. */
    public java.time.Instant timeAt(Session reader, String target, long id) {
        if (target.startsWith("#")) {
            String room = hub.historyName(target);
            hub.checkReadable(reader, room);
            return store.roomBefore(room, id + 1, 1).messages().stream().map(Entry.RoomMessage::ts).findFirst()
                    .orElse(null);
        }
        return store.privateBefore(Store.conversation(reader.identity(), peer(target)), id + 1, 1).messages().stream()
                .map(Entry.PrivateMessage::ts).findFirst().orElse(null);
    }

    /** A private conversation's peer as CHATHISTORY names it, and the time of its last message in a window. */
    public record Peer(String nick, java.time.Instant last) {}

    /**
     * The reader's private conversations with a message after {@code after} and at or before {@code upTo},
     * the most recent first, at most {@code limit}: each named by the nickname its peer holds now, and only
     * when that nickname still names the same person (a guest who left, or a name that changed hands, is
     * left out: {@link #conversation} could not read it by that name).
     */
    public List<Peer> conversations(Session reader, java.time.Instant after, java.time.Instant upTo, int limit) {
        String me = reader.identity();
        var peers = new java.util.ArrayList<Peer>();
        for (Store.Active active : store.activeConversations(me, after, upTo, limit)) {
            String[] sides = active.conversation().split(" ");
            String other = sides[0].equals(me) && sides.length > 1 ? sides[1] : sides[0];
            var last = store.privateBefore(active.conversation(), Long.MAX_VALUE, 1).messages();
            if (last.isEmpty()) {
                continue;
            }
            Entry.PrivateMessage m = last.getFirst();
            String nick = Names.fold(m.from()).equals(Names.fold(reader.nick())) ? m.to() : m.from();
            hub.identityOf(nick).filter(other::equals).ifPresent(now -> peers.add(new Peer(nick, active.last())));
        }
        return peers;
    }

    private String peer(String nick) {
        return hub.identityOf(nick).orElseThrow(() -> new ChatException("no-such-nick", "nobody is called " + nick
                + " (a conversation with a guest can be read while the guest is connected)"));
    }

    /** A reader catching up after {@code id} hears of the messages retention dropped since. */
    private static void reportGap(Session reader, Query query, long firstRetained, String room, String peer) {
        if (query.mode() == Query.Mode.AFTER && firstRetained > query.id() + 1) {
            reader.send(new Event.Gap(room, peer, query.id() + 1, firstRetained - 1));
        }
    }

    private static Result result(List<Long> ids, Query query, long firstRetained) {
        if (ids.isEmpty()) {
            return new Result(0, 0, 0, false);
        }
        boolean more = query.mode() == Query.Mode.AFTER ? ids.size() == query.count()
                : ids.getFirst() > firstRetained;
        return new Result(ids.size(), ids.getFirst(), ids.getLast(), more);
    }
}
