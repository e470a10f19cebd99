package org.causerie.chat;

import java.util.List;
import org.causerie.audit.Audit;

/**
 * Room moderation and server operation. A room's operators (whoever opened it, its owner's account,
 * and those they name) may give and take operator and voice, kick, ban by nickname or account mask,
 * invite, and set the modes +i (invite-only), +k (a key to enter), +t (topic by operators only) and
 * +m (only operators and voiced members speak). Server operators (accounts named in the server's
 * configuration) may do all that in any room, close a room, disconnect a user, and stop the server.
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
        hub.currentRoom(actor).grant(actor, rules.isOperator(actor), nick, flag, on);
    }

    public void kick(Session actor, String nick, String reason) {
        Room room = hub.currentRoom(actor);
        Session target = room.kick(actor, rules.isOperator(actor), nick, reason);
        target.left(room);
        if (room.size() == 0 && room.owner() == 0 && !room.name().equals(Hub.LOBBY)) {
            rooms.leaveEmpty(room);
        }
    }

    public void ban(Session actor, String mask, boolean on) {
        hub.currentRoom(actor).ban(actor, rules.isOperator(actor), mask, on);
    }

    public List<String> bans(Session actor) {
        return hub.currentRoom(actor).bans();
    }

    /** Invites the user called {@code nick} to the actor's current room, and tells them. */
    public String invite(Session actor, String nick) {
        Room room = hub.currentRoom(actor);
        List<Session> targets = nicks.sessions(nick);
        if (targets.isEmpty()) {
            throw new ChatException("no-such-nick", "nobody is called " + nick);
        }
        for (Session target : targets) {
            room.invite(actor, rules.isOperator(actor), target);
            target.send(new Event.Notice(actor.nick() + " invites you to " + room.name() + ": /join " + room.name()));
        }
        return room.name();
    }

    public void mode(Session actor, String name, String change, String key) {
        (name == null ? hub.currentRoom(actor) : hub.room(name)).mode(actor, rules.isOperator(actor), change, key);
    }

    public String modes(Session actor, String name) {
        Room room = name == null ? hub.currentRoom(actor) : hub.room(name);
        return room.name() + " " + room.modes();
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
        if (targets.isEmpty()) {
            throw new ChatException("no-such-nick", "nobody is called " + nick);
        }
        targets.forEach(target -> target.end("disconnected by " + actor.nick() + (reason.isEmpty() ? "" : ": " + reason)));
        Audit.event("user_killed", "by", actor.nick(), "target", nick, "sessions", targets.size(), "reason", reason);
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
}
