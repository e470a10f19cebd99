package org.causerie.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A room and its ordered stream of events.
 *
 * <p>The guarantee: every member sees the room's events (messages, joins, parts, quits, nick and topic
 * changes) in one total order, each exactly once. It holds because an event is numbered and queued to
 * every member's outbox while {@link #lock} is held: two events of one room can never be queued in
 * different orders to two members. Queuing never blocks (see {@link Sink}), so the lock is held for a
 * bounded, I/O-free time; a member whose outbox is full is dropped rather than waited for.
 */
public final class Room {
    private final String name;
    private final boolean permanent;
    private final ReentrantLock lock = new ReentrantLock();

    /** Guarded by {@link #lock}. */
    private final LinkedHashSet<Session> members = new LinkedHashSet<>();
    /** Guarded by {@link #lock}. */
    private String topic = "";
    /** The id of the last message; guarded by {@link #lock}. */
    private long lastId;
    /** Set when the room emptied and left the registry; a closed room takes no one. Guarded by {@link #lock}. */
    private boolean closed;

    Room(String name, boolean permanent) {
        this.name = name;
        this.permanent = permanent;
    }

    public String name() {
        return name;
    }

    /** Adds {@code session} and tells every member, the newcomer included; false if the room closed meanwhile. */
    boolean join(Session session) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (members.add(session)) {
                broadcast(new Event.Joined(name, session.nick()));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes {@code session} and tells the members ({@code event} is a part or a quit); the leaver hears
     * a part, not a quit. Returns true when the room is now empty and not permanent: it is then closed
     * and the caller must drop it from the registry.
     */
    boolean leave(Session session, Event event, boolean tellLeaver) {
        lock.lock();
        try {
            if (!members.contains(session)) {
                return false;
            }
            if (tellLeaver) {
                broadcast(event);
                members.remove(session);
            } else {
                members.remove(session);
                broadcast(event);
            }
            if (members.isEmpty() && !permanent) {
                closed = true;
            }
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Numbers a message from a member and queues it to every member, the sender included. */
    Event.Message post(Session from, String text, boolean action) {
        lock.lock();
        try {
            if (!members.contains(from)) {
                throw new ChatException("not-in-room", "you are not in " + name);
            }
            var message = new Event.Message(++lastId, Instant.now().truncatedTo(ChronoUnit.MILLIS), name, from.nick(), text, action);
            broadcast(message);
            return message;
        } finally {
            lock.unlock();
        }
    }

    void topic(Session by, String text) {
        lock.lock();
        try {
            if (!members.contains(by)) {
                throw new ChatException("not-in-room", "join " + name + " to set its topic");
            }
            topic = text;
            broadcast(new Event.TopicChanged(name, by.nick(), text));
        } finally {
            lock.unlock();
        }
    }

    /** Queues an event to every member in the room's order; for events the room does not originate. */
    void announce(Event event) {
        lock.lock();
        try {
            broadcast(event);
        } finally {
            lock.unlock();
        }
    }

    public String topic() {
        lock.lock();
        try {
            return topic;
        } finally {
            lock.unlock();
        }
    }

    public boolean has(Session session) {
        lock.lock();
        try {
            return members.contains(session);
        } finally {
            lock.unlock();
        }
    }

    /** The members' nicknames, in order of arrival: a snapshot. */
    public List<String> nicks() {
        lock.lock();
        try {
            var nicks = new ArrayList<String>(members.size());
            for (Session member : members) {
                nicks.add(member.nick());
            }
            return nicks;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return members.size();
        } finally {
            lock.unlock();
        }
    }

    /** Must be called with {@link #lock} held: this is what makes the order total. */
    private void broadcast(Event event) {
        var envelope = new Envelope(event);
        for (Session member : members) {
            member.deliver(envelope);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
