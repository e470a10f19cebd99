package org.causerie.chat;

import java.util.List;

/**
 * A room's moderation: operators and voices, kicks, bans, invitations and modes. Every change is checked,
 * made and announced under the room's lock, in the room's order, then kept in the store (a lasting
 * room's). Out of {@link Room}, which keeps the members and the stream; each method names its room.
 */
final class RoomModeration {
    private RoomModeration() {}

    /** Gives or takes operator (+o) or voice (+v) from the member called {@code nick}. */
    static void grant(Room room, Session actor, boolean serverOperator, String nick, char flag, boolean on) {
        room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            Session target = room.member(nick);
            var set = flag == 'o' ? room.modes.operators : room.modes.voiced;
            if (!(on ? set.add(target.identity()) : set.remove(target.identity()))) {
                String what = flag == 'o' ? "an operator" : "voiced";
                throw new ChatException("mode-unchanged", target.nick() + (on ? " is " : " is not ") + what + " in " + room.name()
                        + (on ? " already" : ""));
            }
            room.tell(new Event.ModeChanged(room.name(), actor.nick(), (on ? "+" : "-") + flag + " " + target.nick()));
        });
        room.persist();
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

    static void ban(Room room, Session actor, boolean serverOperator, String mask, boolean on) {
        room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            String folded = Modes.checkMask(mask);
            if (on ? room.modes.bans.add(folded) : room.modes.bans.remove(folded)) {
                room.tell(new Event.ModeChanged(room.name(), actor.nick(), (on ? "+b " : "-b ") + folded));
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

    /** Lets {@code target} into an invite-only room, once. */
    static void invite(Room room, Session actor, boolean serverOperator, Session target) {
        room.locked(() -> {
            requireOperator(room, actor, serverOperator);
            room.modes.invited.add(target.identity());
        });
        room.persist();
    }

    /** Applies a mode change: +i -i +t -t +m -m +k KEY -k. */
    static void mode(Room room, Session actor, boolean serverOperator, String change, String key) {
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
            room.tell(new Event.ModeChanged(room.name(), actor.nick(), change));
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
