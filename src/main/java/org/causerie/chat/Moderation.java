package org.causerie.chat;

import java.util.List;
import org.causerie.audit.Audit;

/**
 * Room moderation and server operation. A room's operators (whoever opened it, its owner's account,
 * and those they name) may give and take operator and voice, kick, ban by nickname or account mask,
 * invite, set the modes +i (invite-only), +k (a key to enter), +t (topic by operators only) and
 * +m (only operators and voiced members speak), and remove messages of their room from its history.
 * Server operators (accounts named in the server's configuration) may do all that in any room (they
 * are the lobby's operators), close a room, disconnect a user, remove a user's messages everywhere,
 * and stop the server. Every action is written to the audit log with who did it.
 */
public final class Moderation {
    private final Hub hub;
    private final Rooms rooms;
    private final Nicks nicks;
    private final Rules rules;

    Moderation(Hub hub, Rooms rooms, Nicks nicks, Rules rules) {
        this.hub = hub;
        this.rooms = rooms;
        this.nicks = nicks;
        this.rules = rules;
    }

    public void grant(Session actor, String nick, char flag, boolean on) {
        Room room = hub.currentRoom(actor);
        RoomModeration.grant(room, actor, rules.isOperator(actor), nick, flag, on);
        audit("room_mode", actor, room, "change", (on ? "+" : "-") + flag + " " + nick);
    }

    public void kick(Session actor, String nick, String reason) {
        Room room = hub.currentRoom(actor);
        List<Session> targets = RoomModeration.kick(room, actor, rules.isOperator(actor), nick, reason);
        targets.forEach(target -> target.left(room));
        Session target = targets.getFirst();
        if (room.size() == 0 && room.owner() == 0 && !room.name().equals(Hub.LOBBY)) {
            rooms.leaveEmpty(room);
        }
        audit("room_kick", actor, room, "target", target.nick(), "reason", reason);
    }

    public void ban(Session actor, String mask, boolean on) {
        Room room = hub.currentRoom(actor);
        RoomModeration.ban(room, actor, rules.isOperator(actor), mask, on);
        audit(on ? "room_ban" : "room_unban", actor, room, "mask", mask);
    }

    public List<String> bans(Session actor) {
        return RoomModeration.bans(hub.currentRoom(actor));
    }

    /** Invites the user called {@code nick} to the actor's current room, and tells them. */
    public String invite(Session actor, String nick) {
        Room room = hub.currentRoom(actor);
        List<Session> targets = nicks.sessions(nick);
        if (targets.isEmpty()) {
            throw new ChatException("no-such-nick", "nobody is called " + nick);
        }
        for (Session target : targets) {
            RoomModeration.invite(room, actor, rules.isOperator(actor), target);
            target.send(new Event.Invited(room.name(), actor.nick(), target.nick()));
        }
        audit("room_invite", actor, room, "target", nick);
        return room.name();
    }

    public void mode(Session actor, String name, String change, String key) {
        Room room = name == null ? hub.currentRoom(actor) : hub.room(name);
        RoomModeration.mode(room, actor, rules.isOperator(actor), change, key);
        audit("room_mode", actor, room, "change", change); // never the key itself
    }

    public String modes(Session actor, String name) {
        Room room = name == null ? hub.currentRoom(actor) : hub.room(name);
        return room.name() + " " + RoomModeration.modes(room);
    }

    /**
     * Removes one message from a room's history (and from the replay newcomers get): the room's
     * operators and server operators. Members who saw it live keep what they saw.
     */
    public void redact(Session actor, String name, long id) {
        Room room = hub.room(name);
        RoomModeration.checkOperator(room, actor, rules.isOperator(actor));
        if (!hub.store().deleteRoomMessage(room.name(), id)) {
            throw new ChatException("no-such-message", "no message " + id + " in " + room.name());
        }
        room.forget(id, null);
        audit("message_removed", actor, room, "id", id);
    }

    /**
     * Removes every message sent under {@code nick}: from one room's history (its operators, server
     * operators), or, with {@code name} null, from every room and private conversation (server
     * operators only). Returns how many were removed.
     */
    public int purge(Session actor, String nick, String name) {
        Names.checkNick(nick);
        if (name == null) {
            requireServerOperator(actor);
            int removed = hub.store().deleteMessagesFrom(nick, null);
            rooms.list().forEach(room -> room.forget(0, nick));
            Audit.event("messages_purged", "by", actor.nick(), "sender", nick, "room", "*", "count", removed);
            return removed;
        }
        Room room = hub.room(name);
        RoomModeration.checkOperator(room, actor, rules.isOperator(actor));
        int removed = hub.store().deleteMessagesFrom(nick, room.name());
        room.forget(0, nick);
        audit("messages_purged", actor, room, "sender", nick, "count", removed);
        return removed;
    }

    /** Server operators: closes a room for good, putting everyone out. */
    public void close(Session actor, String name, String reason) {
        requireServerOperator(actor);
        Room room = hub.room(name);
        if (room.name().equals(Hub.LOBBY)) {
            throw new ChatException("bad-room", Hub.LOBBY + " cannot be closed");
        }
        for (Session member : room.close(actor, reason)) {
            member.left(room);
        }
        rooms.forget(room);
        hub.store().deleteRoom(room.name());
        Audit.event("room_closed", "by", actor.nick(), "room", room.name(), "reason", reason);
    }

    /** Server operators: disconnects every session of the user called {@code nick}. */
    public void kill(Session actor, String nick, String reason) {
        requireServerOperator(actor);
        List<Session> targets = nicks.sessions(nick);
        String why = "disconnected by " + actor.nick() + (reason.isEmpty() ? "" : ": " + reason);
        if (targets.isEmpty()) {
            var elsewhere = hub.elsewhere(nick) // connected to another node of the cluster: that node ends it
                    .orElseThrow(() -> new ChatException("no-such-nick", "nobody is called " + nick));
            hub.endElsewhere(elsewhere, why);
            Audit.event("user_killed", "by", actor.nick(), "target", nick, "node", elsewhere.node(), "reason", reason);
            return;
        }
        targets.forEach(target -> target.end(why));
        Audit.event("user_killed", "by", actor.nick(), "target", nick, "sessions", targets.size(), "reason", reason);
    }

    /** Server operators: the cluster's live nodes (this one alone on a single node) and their sessions. */
    public List<String> nodes(Session actor) {
        requireServerOperator(actor);
        return hub.nodes().stream().map(node -> node.name() + " (" + node.sessions()
                + (node.sessions() == 1 ? " session" : " sessions") + (node.name().equals(hub.node()) ? ", this one)" : ")"))
                .toList();
    }

    /**
     * Server operators: drains the server (see {@link Drain}): no new sessions, every session told to
     * reconnect elsewhere, and a stop once they have gone or after {@code deadline}.
     */
    public void drain(Session actor, java.time.Duration deadline) {
        requireServerOperator(actor);
        if (deadline.isNegative() || deadline.compareTo(Drain.LONGEST) > 0) {
            throw new ChatException("bad-usage", "a drain lasts at most " + Drain.LONGEST.toSeconds() + " seconds");
        }
        hub.drain().start(actor, deadline);
    }

    /** Server operators: stops the server gracefully. */
    public void shutdown(Session actor) {
        requireServerOperator(actor);
        Audit.event("server_stop_requested", "by", actor.nick(), "session", actor.id());
        rules.shutdown().run();
    }

    private void requireServerOperator(Session actor) {
        if (!rules.isOperator(actor)) {
            throw new ChatException("not-server-operator", "only server operators may do that");
        }
    }

    private static void audit(String event, Session actor, Room room, Object... details) {
        var pairs = new Object[details.length + 4];
        pairs[0] = "by";
        pairs[1] = actor.nick();
        pairs[2] = "room";
        pairs[3] = room.name();
        System.arraycopy(details, 0, pairs, 4, details.length);
        Audit.event(event, pairs);
    }
}
