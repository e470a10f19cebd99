package org.causerie.chat;

import java.util.List;
import org.causerie.audit.Audit;
import org.causerie.bus.Note;
import org.causerie.event.Event;
import org.causerie.store.Claims;

/**
 * Room moderation and server operation. A room's operators (whoever opened it, its owner's account,
 * and those they name) may give and take operator and voice, kick, ban by nickname or account mask,
 * invite, set the modes +i (invite-only), +k (a key to enter), +t (topic by operators only) and
 * +m (only operators and voiced members speak), and remove messages of their room from its history.
 * Server operators (accounts named in the server's configuration) may do all that in any room (they
 * are the lobby's operators), close a room, disconnect a user, remove a user's messages everywhere,
 * and stop the server. Every action is written to the audit log with who did it.
 *
 * <p>In a cluster every action reaches the other nodes: a change of a room's moderation, a kick, an
 * invitation and a close are room events with places in the room's sequence, which every node that has the
 * room open carries out in that place ({@link RoomEffects}: it applies the change, puts out its own kicked
 * member, lets the invited in and tells them, closes the room), read back from the store when the bus lost
 * them. The {@code MODES}, {@code KICK} and {@code CLOSE} orders are still sent for nodes of older releases
 * ({@code MODES +I} and {@code CLOSE} for version 3). Who is where comes from the cluster's {@link Presence}.
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
        String change = (on ? "+" : "-") + flag;
        java.util.function.Consumer<String> share = identity -> share(room, actor, change, nick, identity);
        try {
            RoomModeration.grant(room, actor, rules.isOperator(actor), nick, flag, on, null, share);
        } catch (ChatException notHere) {
            Claims.Member remote = elsewhere(notHere, room, nick);
            RoomModeration.grant(room, actor, rules.isOperator(actor), nick, flag, on, remote, share);
        }
        audit("room_mode", actor, room, "change", change + " " + nick);
    }

    public void kick(Session actor, String nick, String reason) {
        Room room = hub.currentRoom(actor);
        List<Session> targets;
        try {
            targets = RoomModeration.kick(room, actor, rules.isOperator(actor), nick, reason);
        } catch (ChatException notHere) {
            Claims.Member remote = elsewhere(notHere, room, nick);
            RoomModeration.kickElsewhere(room, actor, rules.isOperator(actor), remote.nick(), remote.identity(), reason);
            // the kick's room event puts the member out; the order is for a node of the release before
            hub.send(note(Note.Kind.KICK, room, actor, remote.nick(), remote.identity(), reason, remote.node()));
            audit("room_kick", actor, room, "target", remote.nick(), "node", remote.node(), "reason", reason);
            return;
        }
        targets.forEach(target -> target.left(room));
        Session target = targets.getFirst();
        if (room.size() == 0 && room.owner() == 0 && !room.name().equals(Hub.LOBBY)) {
            rooms.leaveEmpty(room);
        }
        audit("room_kick", actor, room, "target", target.nick(), "reason", reason);
    }

    public void ban(Session actor, String mask, boolean on) {
        Room room = hub.currentRoom(actor);
        RoomModeration.ban(room, actor, rules.isOperator(actor), mask, on,
                () -> share(room, actor, on ? "+b" : "-b", Modes.checkMask(mask), ""));
        audit(on ? "room_ban" : "room_unban", actor, room, "mask", mask);
    }

    /**
     * The member of {@code room} called {@code nick} on another node of the cluster; else {@code notHere}
     * (this node's refusal: not in the room) is thrown.
     */
    private Claims.Member elsewhere(ChatException notHere, Room room, String nick) {
        if (!notHere.code().equals("not-in-room") || !hub.clustered()) {
            throw notHere;
        }
        Claims.Member remote = hub.presence().elsewhere(room, nick);
        if (remote == null) {
            throw notHere;
        }
        return remote;
    }

    /**
     * Has the nodes of older releases apply a change of {@code room}'s moderation (a cluster only): a {@code
     * MODES} order, which a node of this release skips (the change's room event carries it out). It only
     * queues, so it may be called under the room's lock.
     */
    private void share(Room room, Session actor, String change, String target, String identity) {
        if (hub.clustered()) {
            hub.send(note(Note.Kind.MODES, room, actor, target, identity, change, ""));
        }
    }

    private Note note(Note.Kind kind, Room room, Session actor, String target, String identity, String text, String node) {
        return new Note(Note.VERSION, hub.node(), kind, room.name(), 0, System.currentTimeMillis(), actor.nick(), identity,
                target, text, false, node);
    }

    /**
     * An order or a change from another node, where an operator was checked: a kick of a member of this
     * node, a change of moderation to apply, an invitation to tell, a room to close.
     */
    void receive(Note note) {
        switch (note.kind()) {
            case KICK -> {
                Room room = rooms.find(note.room());
                if (!note.extra().equals(hub.node()) || room == null) {
                    return;
                }
                List<Session> targets = RoomModeration.kickOrdered(room, note.nick(), note.target(), note.identity(),
                        note.text());
                if (!targets.isEmpty()) {
                    targets.forEach(target -> target.left(room));
                    if (room.size() == 0 && room.owner() == 0 && !room.name().equals(Hub.LOBBY)) {
                        rooms.leaveEmpty(room);
                    }
                }
            }
            case MODES -> {
                Room room = rooms.find(note.room());
                if (room != null) {
                    RoomModeration.apply(room, note.text(), note.target(), note.identity());
                }
                if (note.text().equals("+I")) { // the invited user may be connected here
                    tellInvited(note.room(), room, note.nick(), note.target(), note.identity());
                }
            }
            case INVITED -> { // a room not open here when the note came (open, RoomEffects does this in its place)
                Room room = rooms.find(note.room());
                if (room != null) {
                    RoomModeration.apply(room, "+I", note.target(), note.extra());
                }
                tellInvited(note.room(), room, note.nick(), note.target(), note.extra());
            }
            case CLOSE -> {
                Room room = rooms.find(note.room());
                if (room != null) {
                    closeHere(room, note.nick(), note.text());
                }
            }
            default -> { }
        }
    }

    /**
     * Tells this node's sessions of {@code identity}, called {@code nick}, of another node's invitation by
     * {@code by}; for a room not open here, keeps the invitation for its opening (a guest's is not stored).
     */
    private void tellInvited(String name, Room room, String by, String nick, String identity) {
        for (Session target : nicks.sessions(nick)) {
            if (target.identity().equals(identity)) {
                if (room == null) {
                    rooms.invitedHere(name, identity);
                }
                target.send(new Event.Invited(room == null ? name : room.name(), by, target.nick()));
            }
        }
    }

    public List<String> bans(Session actor) {
        return RoomModeration.bans(hub.currentRoom(actor));
    }

    /**
     * Invites the user called {@code nick} to the actor's current room, and tells them; in a cluster the
     * user may be connected to another node, which tells them, and every node lets them in.
     */
    public String invite(Session actor, String nick) {
        Room room = hub.currentRoom(actor);
        List<Session> targets = nicks.sessions(nick);
        if (targets.isEmpty()) {
            Claims.Claim remote = hub.elsewhere(nick)
                    .orElseThrow(() -> new ChatException("no-such-nick", "nobody is called " + nick));
            RoomModeration.invite(room, actor, rules.isOperator(actor), remote.nick(), remote.identity());
            share(room, actor, "+I", remote.nick(), remote.identity());
        }
        var invited = new java.util.HashSet<String>();
        for (Session target : targets) {
            if (invited.add(target.identity())) { // an account's several sessions: one invitation
                RoomModeration.invite(room, actor, rules.isOperator(actor), target.nick(), target.identity());
                share(room, actor, "+I", target.nick(), target.identity());
            }
            target.send(new Event.Invited(room.name(), actor.nick(), target.nick()));
        }
        audit("room_invite", actor, room, "target", nick);
        return room.name();
    }

    public void mode(Session actor, String name, String change, String key) {
        Room room = name == null ? hub.currentRoom(actor) : hub.room(name);
        RoomModeration.mode(room, actor, rules.isOperator(actor), change, key,
                () -> share(room, actor, change, change.equals("+k") ? key : "", ""));
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

    /**
     * Server operators: closes a room for good, putting everyone out. In a cluster the close is a room event
     * with its place, told after the store forgot the room (a node that opens it again finds no owner): every
     * node with the room open, this one included, closes it in that place, or when it reads it back.
     */
    public void close(Session actor, String name, String reason) {
        requireServerOperator(actor);
        if (hub.clustered()) {
            Room open = rooms.find(name);
            String shown = open != null ? open.name()
                    : hub.directory().members(name).room(); // open on other nodes only; no-such-room when on none
            if (Names.fold(shown).equals(Names.fold(Hub.LOBBY))) {
                throw new ChatException("bad-room", Hub.LOBBY + " cannot be closed");
            }
            hub.store().deleteRoom(shown);
            hub.placed(RoomNotes.closing(shown, actor.nick(), reason));
            hub.send(new Note(Note.VERSION, hub.node(), Note.Kind.CLOSE, shown, 0, System.currentTimeMillis(),
                    actor.nick(), "", "", reason, false, "")); // for version 3 nodes, which close on the order
            Audit.event("room_closed", "by", actor.nick(), "room", shown, "reason", reason);
            return;
        }
        Room room = hub.room(name);
        if (room.name().equals(Hub.LOBBY)) {
            throw new ChatException("bad-room", Hub.LOBBY + " cannot be closed");
        }
        closeHere(room, actor.nick(), reason);
        hub.store().deleteRoom(room.name());
        Audit.event("room_closed", "by", actor.nick(), "room", room.name(), "reason", reason);
    }

    /** Puts this node's members out of {@code room}, which closes here for good. */
    private void closeHere(Room room, String by, String reason) {
        for (Session member : room.close(by, reason)) {
            member.left(room);
        }
        rooms.forget(room);
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
