package org.causerie.chat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.event.Origin;
import org.causerie.store.Account;
import org.causerie.store.Ignore;

/**
 * One connected user, whatever door it came through. Events reach the user through its {@link Sink}.
 *
 * <p>Threads: the connection's reader thread runs every command of this session; other threads only
 * read {@link #nick()} and send to the sink. The room set is guarded by this object's monitor, which is
 * never held while a room lock is taken (lock order: room, then session; never the reverse).
 */
public final class Session implements Origin {
    private final long id;
    private final Sink sink;
    /** Who a guest is in stored conversations: unique across restarts, unlike its guest nickname. */
    private final String guestIdentity;
    /** Where the connection comes from; null for a session made without one (unit tests). */
    private final InetAddress address;
    private volatile String nick;
    /** The account logged in on this session, or null for a guest; written by the owner thread only. */
    private volatile Account account;

    /*
     * The collections below are made on first use and are null until then: most sessions are idle
     * guests, in no room, that never write to anyone, and four empty collections weighed about 180 B of
     * each one's 2.2 KB (docs/performance.md, "Idle after settling").
     */
    /** Hashes of the session tokens this session used or got, revoked at /logout; the owner thread only. */
    private List<String> tokens;

    /** Rooms this session is in, oldest first; guarded by {@code this}. */
    private LinkedHashSet<Room> rooms;
    /** Where plain lines go; guarded by {@code this}. */
    private Room current;
    /**
     * Per room, the first message id this session was sent on joining (by the replay, the catch-up or
     * live): it has been sent every message from there on. Guarded by {@code this}.
     */
    private java.util.HashMap<Room, Long> floors;
    /**
     * Whom this user ignores: identity → the entry. Replaced whole, never changed in place, so that the
     * delivery paths (any thread, maybe under a room lock) read it without a lock; usually empty.
     */
    private volatile Map<String, Ignore> ignored = Map.of();
    /**
     * Folded nickname → the identity this user last wrote to or heard from under it, the newest last;
     * guarded by itself; made once, on first use, by {@link #PEERS}. It tells a sender that a nickname has
     * changed hands since (see Privates#tell).
     */
    private volatile LinkedHashMap<String, String> peers;
    private static final java.lang.invoke.VarHandle PEERS;

    static {
        try {
            PEERS = java.lang.invoke.MethodHandles.lookup().findVarHandle(Session.class, "peers", LinkedHashMap.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static final int PEERS_KEPT = 256;

    Session(long id, String nick, Sink sink, String guestIdentity, InetAddress address) {
        this.id = id;
        this.nick = nick;
        this.sink = sink;
        this.guestIdentity = guestIdentity;
        this.address = address;
    }

    /** The client's address, or null when the session has no connection (unit tests). */
    public InetAddress address() {
        return address;
    }

    public long id() {
        return id;
    }

    public String nick() {
        return nick;
    }

    void nick(String nick) {
        this.nick = nick;
    }

    public Account account() {
        return account;
    }

    void account(Account account) {
        this.account = account;
    }

    void rememberToken(String hash) {
        if (tokens == null) {
            tokens = new ArrayList<>();
        }
        tokens.add(hash);
    }

    /** The hashes of the tokens this session used or got, which it forgets. */
    List<String> forgetTokens() {
        List<String> all = tokens == null ? List.of() : List.copyOf(tokens);
        tokens = null;
        return all;
    }

    /** The guest nickname the server gave this session; it goes back to it on logout. */
    String guestNick() {
        return Names.GUEST_PREFIX + id;
    }

    /** Who this session is in stored conversations: its account, or this one connection of a guest. */
    String identity() {
        Account current = account;
        return current != null ? "a" + current.id() : guestIdentity;
    }

    /** The identity this session has as a guest, whether or not it is logged in now. */
    String guestIdentity() {
        return guestIdentity;
    }

    boolean ignores(String identity) {
        Map<String, Ignore> now = ignored;
        return !now.isEmpty() && now.containsKey(identity);
    }

    /** Whether a message shown under {@code nick} (a replay, which keeps no identity) is from someone ignored. */
    boolean ignoresNick(String nick) {
        Map<String, Ignore> now = ignored;
        if (now.isEmpty()) {
            return false;
        }
        String key = Names.fold(nick);
        return now.values().stream().anyMatch(ignore -> Names.fold(ignore.nick()).equals(key));
    }

    List<Ignore> ignored() {
        return List.copyOf(ignored.values());
    }

    /** Replaces the block list; called by this session's own thread only, so no update is lost. */
    void ignored(List<Ignore> list) {
        var map = new LinkedHashMap<String, Ignore>();
        list.forEach(ignore -> map.putIfAbsent(ignore.identity(), ignore));
        ignored = map.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(map);
    }

    /** Remembers who {@code nick} was when this user wrote to it or heard from it. */
    void met(String nick, String identity) {
        var known = peers;
        if (known == null) {
            var made = new LinkedHashMap<String, String>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > PEERS_KEPT;
                }
            };
            known = PEERS.compareAndSet(this, null, made) ? made : peers;
        }
        synchronized (known) {
            known.put(Names.fold(nick), identity);
        }
    }

    /** The identity {@code nick} had when this user last wrote to it or heard from it, or null. */
    String metAs(String nick) {
        var known = peers;
        if (known == null) {
            return null;
        }
        synchronized (known) {
            return known.get(Names.fold(nick));
        }
    }

    /** Queues one event for this user alone. */
    public void send(Event event) {
        sink.send(Relay.envelope(event));
    }

    void deliver(Envelope envelope) {
        sink.send(envelope);
    }

    /** See {@link Sink#held}: called by the journal as it takes one of this session's messages. */
    void held() {
        sink.held();
    }

    /** See {@link Sink#released}: called by the journal once that message's outcome is delivered. */
    void released() {
        sink.released();
    }

    /** Whether its door shows it the invitations made in its rooms (see {@link Sink#toldOfInvitations}). */
    boolean toldOfInvitations() {
        return sink.toldOfInvitations();
    }

    /** Whether its door has greeted it (see {@link Sink#greeted}). */
    boolean greeted() {
        return sink.greeted();
    }

    /** Disconnects this session from outside; see {@link Sink#end}. */
    void end(String reason) {
        sink.end(reason);
    }

    public synchronized Room current() {
        return current;
    }

    synchronized void entered(Room room) {
        if (rooms == null) {
            rooms = new LinkedHashSet<>();
        }
        rooms.remove(room);
        rooms.add(room);
        current = room;
    }

    /**
     * Records a room another session of the account joined for this one (multiclient): the current room
     * changes only if there was none, so that this user's plain lines keep going where they went.
     */
    synchronized void follow(Room room) {
        if (rooms == null) {
            rooms = new LinkedHashSet<>();
        }
        rooms.add(room);
        if (current == null) {
            current = room;
        }
    }

    /** Called under the room's lock (lock order: room, then session). */
    synchronized void floor(Room room, long id) {
        if (floors == null) {
            floors = new java.util.HashMap<>();
        }
        floors.put(room, id);
    }

    synchronized long floor(Room room) {
        return floors == null ? Long.MAX_VALUE : floors.getOrDefault(room, Long.MAX_VALUE);
    }

    synchronized void makeCurrent(Room room) {
        current = room;
    }

    /** Forgets {@code room}; the current room becomes the most recently joined one left, if any. */
    synchronized void left(Room room) {
        if (rooms != null) {
            rooms.remove(room);
        }
        if (floors != null) {
            floors.remove(room);
        }
        if (current == room) {
            current = rooms == null || rooms.isEmpty() ? null : rooms.getLast();
        }
    }

    public synchronized List<Room> rooms() {
        return rooms == null ? new ArrayList<>() : new ArrayList<>(rooms);
    }

    @Override
    public String toString() {
        return "session " + id + " (" + nick + ")";
    }
}
