package org.causerie.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.causerie.store.Account;

/**
 * One connected user, whatever door it came through. Events reach the user through its {@link Sink}.
 *
 * <p>Threads: the connection's reader thread runs every command of this session; other threads only
 * read {@link #nick()} and send to the sink. The room set is guarded by this object's monitor, which is
 * never held while a room lock is taken (lock order: room, then session; never the reverse).
 */
public final class Session {
    private final long id;
    private final Sink sink;
    /** Who a guest is in stored conversations: unique across restarts, unlike its guest nickname. */
    private final String guestIdentity;
    private volatile String nick;
    /** The account logged in on this session, or null for a guest; written by the owner thread only. */
    private volatile Account account;

    /** Hashes of the session tokens this session used or got, revoked at /logout; the owner thread only. */
    private final List<String> tokens = new ArrayList<>();

    /** Rooms this session is in, oldest first; guarded by {@code this}. */
    private final LinkedHashSet<Room> rooms = new LinkedHashSet<>();
    /** Where plain lines go; guarded by {@code this}. */
    private Room current;

    Session(long id, String nick, Sink sink, String guestIdentity) {
        this.id = id;
        this.nick = nick;
        this.sink = sink;
        this.guestIdentity = guestIdentity;
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
        tokens.add(hash);
    }

    /** The hashes of the tokens this session used or got, which it forgets. */
    List<String> forgetTokens() {
        List<String> all = List.copyOf(tokens);
        tokens.clear();
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

    /** Queues one event for this user alone. */
    public void send(Event event) {
        sink.send(new Envelope(event));
    }

    void deliver(Envelope envelope) {
        sink.send(envelope);
    }

    /** Disconnects this session from outside; see {@link Sink#end}. */
    void end(String reason) {
        sink.end(reason);
    }

    public synchronized Room current() {
        return current;
    }

    synchronized void entered(Room room) {
        rooms.remove(room);
        rooms.add(room);
        current = room;
    }

    synchronized void makeCurrent(Room room) {
        current = room;
    }

    /** Forgets {@code room}; the current room becomes the most recently joined one left, if any. */
    synchronized void left(Room room) {
        rooms.remove(room);
        if (current == room) {
            current = rooms.isEmpty() ? null : rooms.getLast();
        }
    }

    public synchronized List<Room> rooms() {
        return new ArrayList<>(rooms);
    }

    @Override
    public String toString() {
        return "session " + id + " (" + nick + ")";
    }
}
