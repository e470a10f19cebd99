package org.causerie.store;

import java.time.Instant;

/** What {@link Store#append} writes: messages, and the marks that queue a private message for later. */
public sealed interface Entry {

    /**
     * A room message; {@code id} increases by one within the room (folded name as key). {@code seq} is its
     * place among all the room's events in a cluster (see {@link RoomEvent}), 0 on a single node.
     */
    record RoomMessage(String room, long id, Instant ts, String from, String text, boolean action, long seq)
            implements Entry {
        public RoomMessage(String room, long id, Instant ts, String from, String text, boolean action) {
            this(room, id, ts, from, text, action, 0);
        }
    }

    /**
     * A room event other than a message (a join, part, quit, kick, nick, topic or mode change), kept in a
     * cluster only: {@code seq} numbers it with the room's messages (one counter per room, gapless, in
     * commit order), so every node shows them in one order and fills a hole from the store. {@code kind}
     * is the bus's code for it; {@code nick}, {@code target}, {@code text} and {@code flag} as the bus's
     * note has them; {@code node} is the node whose member caused it. {@code about} is what a node needs to
     * carry the event out, not only show it (migration V7): a mode change's argument (the identity given or
     * taken operator or voice, the ban mask, the key), a kicked member's identity, the dead node of a quit
     * told for it; empty for the other events, and for those of a release before it.
     */
    record RoomEvent(String room, long seq, Instant ts, int kind, String nick, String target, String text,
            boolean flag, String node, String about) implements Entry {
        public RoomEvent(String room, long seq, Instant ts, int kind, String nick, String target, String text,
                boolean flag, String node) {
            this(room, seq, ts, kind, nick, target, text, flag, node, "");
        }
    }

    /**
     * A private message; {@code conversation} is {@link Store#conversation} of the two nicknames and
     * {@code id} increases by one within it.
     */
    record PrivateMessage(String conversation, long id, Instant ts, String from, String to, String text)
            implements Entry {}

    /** Queues private message {@code id} of {@code conversation} for {@code accountId}'s next login. */
    record Offline(long accountId, String conversation, long id) implements Entry {}
}
