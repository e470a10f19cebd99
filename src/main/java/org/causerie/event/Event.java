package org.causerie.event;

import java.time.Instant;
import java.util.List;

/**
 * Everything the server tells a client. Events are immutable values; the codecs in
 * {@code org.causerie.protocol} turn them into text or JSON lines. Room events carry their room so
 * that a member of several rooms can tell the streams apart.
 */
public sealed interface Event {

    /** How a message reaches a client: as it is sent, replayed from history, or kept while it was away. */
    enum Delivery { LIVE, HISTORY, MISSED }

    /** A message to a room; {@code id} increases within the room, {@code action} marks {@code /me}. */
    record Message(long id, Instant ts, String room, String from, String text, boolean action, Delivery delivery)
            implements Event {
        public Message(long id, Instant ts, String room, String from, String text, boolean action) {
            this(id, ts, room, from, text, action, Delivery.LIVE);
        }

        public Message as(Delivery delivery) {
            return new Message(id, ts, room, from, text, action, delivery);
        }
    }

    /**
     * A private message; the recipient and the sender receive it. {@code id} increases within the
     * conversation, whose key (its two identities; "" where unknown, as in a client) names it whatever
     * nicknames its two sides have: IRC's msgid is made from it.
     */
    record Private(long id, Instant ts, String from, String to, String text, Delivery delivery, String conversation)
            implements Event {
        public Private(long id, Instant ts, String from, String to, String text) {
            this(id, ts, from, to, text, Delivery.LIVE, "");
        }

        public Private(long id, Instant ts, String from, String to, String text, Delivery delivery) {
            this(id, ts, from, to, text, delivery, "");
        }

        public Private as(Delivery delivery) {
            return new Private(id, ts, from, to, text, delivery, conversation);
        }
    }

    /**
     * Messages {@code from} to {@code to} of a room (or of the conversation with {@code peer}) are no
     * longer kept: a reader asking for what it missed learns that part of it is gone.
     */
    record Gap(String room, String peer, long from, long to) implements Event {}

    record Joined(String room, String nick) implements Event {}

    record Parted(String room, String nick, String reason) implements Event {}

    /** A member of {@code room} left the server; sent once for every room the user was in. */
    record Quit(String room, String nick, String reason) implements Event {}

    /** A member of {@code room} changed nickname; {@code room} is null when told to the user alone. */
    record NickChanged(String room, String nick, String newNick) implements Event {}

    /** {@code by} put {@code nick} out of {@code room}. */
    record Kicked(String room, String nick, String by, String reason) implements Event {}

    /** {@code by} changed a mode of {@code room}: {@code +i}, {@code -k}, {@code +o bob}, {@code +b troll*}… */
    record ModeChanged(String room, String by, String change) implements Event {}

    /**
     * The topic of {@code room} was set by {@code nick}; an empty topic means it was cleared. With
     * {@code nick} null it is the topic as it stands, shown to whoever joins (IRC's 332).
     */
    record TopicChanged(String room, String nick, String topic) implements Event {}

    /**
     * The answer to a command; {@code items} is the answer as a list, when it is one (nicks, rooms).
     * {@code operators} and {@code voiced} are, for a list of a room's members ({@code /who}), the items
     * that are the room's operators and voiced members; empty for every other reply.
     */
    record Reply(String command, String text, List<String> items, List<String> operators, List<String> voiced)
            implements Event {
        public Reply {
            items = items == null ? List.of() : List.copyOf(items);
            operators = operators == null ? List.of() : List.copyOf(operators);
            voiced = voiced == null ? List.of() : List.copyOf(voiced);
        }

        public Reply(String command, String text, List<String> items) {
            this(command, text, items, List.of(), List.of());
        }

        public Reply(String command, String text) {
            this(command, text, List.of());
        }
    }

    /** A refused command or line; {@code code} is stable (see docs/protocol.md), {@code text} is for people. */
    record Error(String command, String code, String text) implements Event {}

    /** {@code by} invites the recipient, {@code nick}, to the invite-only {@code room}: it may join once. */
    record Invited(String room, String by, String nick) implements Event {}

    /** Something the server says on its own: the greeting, a shutdown, a disconnect reason. */
    record Notice(String text) implements Event {}

    /** The first line of every session. */
    record Welcome(String server, String version, String nick, String room) implements Event {}
}
