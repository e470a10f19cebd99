package org.causerie.bus;

/**
 * One event as the bus carries it between nodes: data, never a callback. A note is written once per
 * event (a room message, a private message, a room event), not once per recipient; each node turns it
 * into deliveries to its own sessions.
 *
 * <p>{@code version} is the format the sender wrote ({@link #VERSION} today). A reader takes the notes of
 * its own version and of older ones; a newer version only adds fields at the end, which an older reader
 * skips, so that nodes of two adjacent releases can run side by side during a rolling upgrade.
 *
 * @param origin   the node that committed the event (a node delivers its own notes at once, and skips
 *                 their echo from the bus)
 * @param kind     what happened
 * @param room     the room as spelled, or, for a private message, the conversation key
 * @param id       the room's (or conversation's) sequence number, 0 for an event that has none
 * @param ts       epoch milliseconds
 * @param nick     who acted (sender, joiner, setter, kicker)
 * @param identity the actor's identity ("a" + account id, or a guest identity), for block lists
 * @param target   whom it is about: the recipient of a private message, the kicked member, a new nickname
 * @param text     the message, topic, mode change or reason
 * @param flag     a room message's action flag; for a private message, whether it was queued offline
 * @param extra    the recipient's identity of a private message; (version 3) of a room event, what a node needs
 *                 to carry it out: a mode change's argument (the identity given or taken operator or voice, the
 *                 ban mask, the key), a kicked member's identity, the dead node whose user's quit it is; ""
 *                 otherwise
 * @param seq      (version 2) a room event's or message's place in the room's sequence, which orders all
 *                 that its members see; 0 for a note without one (a version 1 sender's, a private message)
 */
public record Note(int version, String origin, Kind kind, String room, long id, long ts, String nick, String identity,
        String target, String text, boolean flag, String extra, long seq) {

    /**
     * The format this release writes. Version 3 wrote no new field: its room events carry what carries them
     * out ({@code extra}), so its mode changes and kicks are room events with places, applied by every node
     * in their place; it still sends {@link Kind#MODES} and {@link Kind#KICK} for version 2 nodes. Version 4
     * wrote no new field either: an invitation ({@link Kind#INVITED}) and a close ({@link Kind#CLOSED}) are room
     * events with places too; it still sends {@code MODES +I} and {@link Kind#CLOSE} for version 3 nodes. A
     * reader skips the orders of a sender whose version places them ({@link #PLACED_MODERATION}, {@link
     * #PLACED_INVITATIONS}), and carries out those of an older sender.
     */
    public static final int VERSION = 4;

    /** The first version whose mode changes and kicks are carried out from their room events (see {@link #VERSION}). */
    public static final int PLACED_MODERATION = 3;

    /** The first version whose invitations and closes are carried out from their room events (see {@link #VERSION}). */
    public static final int PLACED_INVITATIONS = 4;

    /** A note without a place in a room's sequence. */
    public Note(int version, String origin, Kind kind, String room, long id, long ts, String nick, String identity,
            String target, String text, boolean flag, String extra) {
        this(version, origin, kind, room, id, ts, nick, identity, target, text, flag, extra, 0);
    }

    /** Kinds are written by their code, which never changes meaning; a reader skips a code it does not know. */
    public enum Kind {
        MESSAGE(1), PRIVATE(2), JOINED(3), PARTED(4), QUIT(5), KICKED(6), TOPIC(7), MODE(8), NICK(9),
        /** A server operator's /kill of a user of another node: {@code target} the nickname, {@code identity} whose, {@code extra} the node. */
        KILL(10),
        /**
         * A user of a node that died: {@code target} the nickname, {@code extra} its node, {@code room} the room
         * it was in ("" from an older release: every room that saw it join), {@code text} the reason.
         */
        GONE(11),
        /**
         * A room operator's kick of a member of another node: {@code room}, {@code nick} the operator,
         * {@code target} the member, {@code identity} whose, {@code text} the reason, {@code extra} the node.
         */
        KICK(12),
        /**
         * A change of a room's moderation, for the other nodes to apply: {@code text} the change ({@code +b},
         * {@code -o}, {@code +k}, {@code +I} for an invitation...), {@code target} its mask, key or nickname,
         * {@code identity} the person's identity for {@code o}, {@code v} and {@code I}.
         */
        MODES(13),
        /** A server operator's /close of a room: {@code nick} the operator, {@code text} the reason. */
        CLOSE(14),
        /**
         * (version 4) An invitation, a room event with its place: {@code nick} the operator, {@code target} the
         * invited nickname, {@code extra} the invited identity. Every node with the room open lets that identity
         * in there and tells its sessions, in that place; an older node skips the code and passes its place.
         */
        INVITED(15),
        /**
         * (version 4) A server operator's /close, a room event with its place: {@code nick} the operator,
         * {@code text} the reason. Every node with the room open puts its members out and closes it, in that place.
         */
        CLOSED(16);

        public final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The kind written as {@code code}, or null for one this release does not know. */
        public static Kind of(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }
}
