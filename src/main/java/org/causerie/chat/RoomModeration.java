package org.causerie.chat;

import java.util.List;
import org.causerie.event.Event;
import org.causerie.store.Claims;

/**
 * A room's moderation: operators and voices, kicks, bans, invitations and modes. Every change is checked,
 * made and announced under the room's lock, in the room's order, then kept in the store (a lasting
 * room's). Out of {@link Room}, which keeps the members and the stream; each method names its room.
 */
final class RoomModeration {
    private RoomModeration() {}

    /**
     * Gives or takes operator (+o) or voice (+v) from the member called {@code nick}: of this node, or,
     * {@code remote} not null, of another node (as the cluster's presence has it). Returns the member's identity.
     */
    static String grant(Room room, Session actor, boolean serverOperator, String nick, char flag, boolean on,
            Claims.Member remote, java.util.function.Consumer<String> share) {
        String identity = room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            String id;
            String shown;
            if (remote == null) {
                Session target = room.membersCalled(nick).getFirst();
                id = target.identity();
                shown = target.nick();
            } else {
                id = remote.identity();
                shown = remote.nick();
            }
            var set = flag == 'o' ? room.modes.operators : room.modes.voiced;
            if (!(on ? set.add(id) : set.remove(id))) {
                String what = flag == 'o' ? "an operator" : "voiced";
                throw new ChatException("mode-unchanged", shown + (on ? " is " : " is not ") + what + " in " + room.name()
                        + (on ? " already" : ""));
            }
            share.accept(id); // for the nodes of the release before, which apply the order, not the event
            room.tell(new Event.ModeChanged(room.name(), actor.nick(), (on ? "+" : "-") + flag + " " + shown), id);
            return id;
        });
        room.persist();
        return identity;
    }

    /**
     * Puts the member called {@code nick} out of the room, every session of it (an account's several are
     * one member: a kick kicks the account); returns them, so the caller can tell their sessions.
     */
    static List<Session> kick(Room room, Session actor, boolean serverOperator, String nick, String reason) {
        return room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            List<Session> targets = room.membersCalled(nick);
            room.tell(new Event.Kicked(room.name(), targets.getFirst().nick(), actor.nick(), reason));
            targets.forEach(room::remove);
            return targets;
        });
    }

    static void ban(Room room, Session actor, boolean serverOperator, String mask, boolean on, Runnable share) {
        room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            String folded = Modes.checkMask(mask);
            if (on ? room.modes.bans.add(folded) : room.modes.bans.remove(folded)) {
                share.run();
                room.tell(new Event.ModeChanged(room.name(), actor.nick(), (on ? "+b " : "-b ") + folded), folded);
            } else if (on) {
                throw new ChatException("mode-unchanged", folded + " is banned from " + room.name() + " already");
            } else {
                throw new ChatException("no-such-ban", "no ban " + folded + " in " + room.name());
            }
        });
        room.persist();
    }

    static List<String> bans(Room room) {
        return room.locked(room.modes::banList);
    }

    /**
     * Lets the person of {@code identity}, called {@code nick}, into an invite-only room, once, and tells the
     * room's members that asked to hear of invitations ({@link Room#invitation}: in a cluster, in its place on
     * every node, which lets that person in there too).
     */
    static void invite(Room room, Session actor, boolean serverOperator, String nick, String identity) {
        room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            room.modes.invited.add(identity);
            room.invitation(new Event.Invited(room.name(), actor.nick(), nick), identity);
        });
        room.persist();
    }

    /**
     * Kicks {@code nick}, of {@code identity}, a member of the room on another node (as the cluster's presence
     * has it): the kick takes its place in the room's sequence, and the node holding the member puts it out
     * when it comes to that place ({@link RoomEffects#after}), on the bus or read back from the store.
     */
    static void kickElsewhere(Room room, Session actor, boolean serverOperator, String nick, String identity,
            String reason) {
        room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            room.tell(new Event.Kicked(room.name(), nick, actor.nick(), reason), identity);
        });
    }

    /**
     * Puts this node's member called {@code nick} (of {@code identity}, if not empty) out of the room, every
     * session of it, as ordered by {@code by}, an operator on another node who was checked there; empty if
     * no such member is here.
     */
    static List<Session> kickOrdered(Room room, String by, String nick, String identity, String reason) {
        return room.locked(() -> {
            List<Session> targets;
            try {
                targets = room.membersCalled(nick);
            } catch (ChatException gone) {
                return List.of();
            }
            if (!identity.isEmpty() && !identity.equals(targets.getFirst().identity())) {
                return List.of(); // the name changed hands meanwhile
            }
            room.tell(new Event.Kicked(room.name(), targets.getFirst().nick(), by, reason));
            targets.forEach(room::remove);
            return targets;
        });
    }

    /**
     * Applies a change of moderation another node made: from its room event, in its place ({@link RoomEffects});
     * a change of a node of an older release (an invitation of version 3, any change of version 2) from its
     * {@link org.causerie.bus.Note.Kind#MODES} order. That node kept it in the store.
     */
    static void apply(Room room, String change, String target, String identity) {
        room.locked(() -> {
            Modes modes = room.modes;
            boolean on = change.startsWith("+");
            switch (change.substring(1)) {
                case "o" -> toggle(modes.operators, identity, on);
                case "v" -> toggle(modes.voiced, identity, on);
                case "I" -> toggle(modes.invited, identity, on);
                case "b" -> toggle(modes.bans, target, on);
                case "i" -> modes.inviteOnly = on;
                case "t" -> modes.topicLocked = on;
                case "m" -> modes.moderated = on;
                case "k" -> modes.key = on ? target : null;
                default -> { } // a change a later release knows: skipped
            }
        });
    }

    private static void toggle(java.util.Set<String> set, String value, boolean on) {
        if (on) {
            set.add(value);
        } else {
            set.remove(value);
        }
    }

    /** Applies a mode change: +i -i +t -t +m -m +k KEY -k. */
    static void mode(Room room, Session actor, boolean serverOperator, String change, String key, Runnable share) {
        room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            boolean on = change.charAt(0) == '+';
            switch (change.substring(1)) {
                case "i" -> room.modes.inviteOnly = on;
                case "t" -> room.modes.topicLocked = on;
                case "m" -> room.modes.moderated = on;
                case "k" -> {
                    if (on && (key == null || key.isEmpty())) {
                        throw new ChatException("bad-usage", "usage: /mode " + room.name() + " +k KEY");
                    }
                    room.modes.key = on ? key : null;
                }
                default -> throw new ChatException("bad-mode", "the modes are +i -i +k KEY -k +m -m +t -t, not " + change);
            }
            share.run();
            room.tell(new Event.ModeChanged(room.name(), actor.nick(), change),
                    change.equals("+k") ? key : ""); // the key is not shown, but carried to the other nodes
        });
        room.persist();
    }

    static String modes(Room room) {
        return room.locked(room.modes::describe);
    }

    /** Checks that {@code actor} may moderate this room: one of its operators, or a server operator. */
    static void checkOperator(Room room, Session actor, boolean serverOperator) {
        room.locked(() -> requireOperator(room, actor, serverOperator));
    }

    /** Checks that {@code actor} may moderate {@code room}; call with its lock held. */
    private static void requireOperator(Room room, Session actor, boolean serverOperator) {
        if (!serverOperator && !room.modes.isOperator(actor)) {
            throw new ChatException("not-operator", "you are not an operator of " + room.name());
        }
    }
}
