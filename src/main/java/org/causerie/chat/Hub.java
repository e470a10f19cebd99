package org.causerie.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat domain: rooms, the nickname directory, and the routing of room and private messages. It
 * knows nothing of sockets, codecs or storage. Its guarantees (total order per room, one owner per
 * nickname) are written in docs/concurrency.md.
 */
public final class Hub {
    public static final String LOBBY = "#general";

    private final String server;
    private final String version;
    /** Folded nickname → its owner. Claims are atomic (putIfAbsent): one owner per nickname, always. */
    private final ConcurrentHashMap<String, Session> nicks = new ConcurrentHashMap<>();
    private final Rooms rooms = new Rooms();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong privateIds = new AtomicLong();

    public Hub(String server, String version) {
        this.server = server;
        this.version = version;
        rooms.permanent(LOBBY);
    }

    /** A new session with a guest nickname, greeted and seated in the lobby. */
    public Session connect(Sink sink) {
        long id = sessionIds.incrementAndGet();
        // Guest names are unique by construction (ids never repeat, users may not pick the prefix).
        String nick = Names.GUEST_PREFIX + id;
        var session = new Session(id, nick, sink);
        nicks.put(Names.fold(nick), session);
        session.send(new Event.Welcome(server, version, nick, LOBBY));
        join(session, LOBBY);
        return session;
    }

    /** Takes {@code session} out of every room (telling the members why) and frees its nickname. */
    public void disconnect(Session session, String reason) {
        for (Room room : session.rooms()) {
            rooms.leave(room, session, new Event.Quit(room.name(), session.nick(), reason), false);
            session.left(room);
        }
        nicks.remove(Names.fold(session.nick()), session);
    }

    public void rename(Session session, String wanted) {
        Names.checkNick(wanted);
        String old = session.nick();
        String oldKey = Names.fold(old);
        String newKey = Names.fold(wanted);
        if (old.equals(wanted)) {
            throw new ChatException("nick-unchanged", "you are already " + wanted);
        }
        boolean sameKey = oldKey.equals(newKey);
        if (!sameKey && nicks.putIfAbsent(newKey, session) != null) {
            throw new ChatException("nick-taken", "the nickname " + wanted + " is taken");
        }
        session.nick(wanted);
        if (!sameKey) {
            nicks.remove(oldKey, session);
        }
        List<Room> in = session.rooms();
        for (Room room : in) {
            room.announce(new Event.NickChanged(room.name(), old, wanted));
        }
        if (in.isEmpty()) {
            session.send(new Event.NickChanged(null, old, wanted));
        }
    }

    /** Joins (creating the room if needed) and makes it the current room. Returns true if newly joined. */
    public boolean join(Session session, String name) {
        Names.checkRoom(name);
        Room existing = rooms.find(name);
        if (existing != null && existing.has(session)) {
            session.makeCurrent(existing);
            return false;
        }
        Room room = rooms.join(session, name);
        session.entered(room);
        return true;
    }

    public void part(Session session, String name, String reason) {
        if (name != null) {
            Names.checkRoom(name);
        }
        Room room = name == null ? currentRoom(session) : rooms.find(name);
        if (room == null || !room.has(session)) {
            throw new ChatException("not-in-room", "you are not in " + (name == null ? "any room" : name));
        }
        rooms.leave(room, session, new Event.Parted(room.name(), session.nick(), reason), true);
        session.left(room);
    }

    /** Posts to the session's current room. */
    public Event.Message say(Session session, String text, boolean action) {
        return currentRoom(session).post(session, text, action);
    }

    public Event.Private tell(Session from, String nick, String text) {
        Session to = nicks.get(Names.fold(nick));
        if (to == null) {
            throw new ChatException("no-such-nick", "nobody is called " + nick);
        }
        var message = new Event.Private(privateIds.incrementAndGet(), Instant.now().truncatedTo(ChronoUnit.MILLIS), from.nick(), to.nick(), text);
        var envelope = new Envelope(message);
        to.deliver(envelope);
        if (to != from) {
            from.deliver(envelope);
        }
        return message;
    }

    /** The room called {@code name}; throws {@code bad-room} or {@code no-such-room}. */
    public Room room(String name) {
        Names.checkRoom(name);
        return rooms.require(name);
    }

    public void topic(Session session, String name, String text) {
        Names.checkRoom(name);
        rooms.require(name).topic(session, text);
    }

    public List<Room> rooms() {
        return rooms.list();
    }

    /** The room plain lines go to; throws {@code no-room} when the session is in none. */
    public Room currentRoom(Session session) {
        Room room = session.current();
        if (room == null) {
            throw new ChatException("no-room", "you are in no room: /join one first");
        }
        return room;
    }

    public int sessions() {
        return nicks.size();
    }
}
