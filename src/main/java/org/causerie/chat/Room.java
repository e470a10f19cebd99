package org.causerie.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.causerie.store.Account;
import org.causerie.store.Entry;
import org.causerie.store.RoomRecord;
import org.causerie.store.RoomState;
import org.causerie.store.Store;

/**
 * A room and its ordered stream of events.
 *
 * <p>The guarantee: every member sees the room's events (messages, joins, parts, quits, nick and topic
 * changes) in one total order, each exactly once. It holds because an event is queued to every
 * member's outbox while {@link #lock} is held: two events of one room can never be queued in different
 * orders to two members. Queuing never blocks (see {@link Sink}), so the lock is held for a bounded,
 * I/O-free time; a member whose outbox is full is dropped rather than waited for.
 *
 * <p>A message is numbered under the lock and handed to the {@link Journal}; once the store has it, it is
 * published on the bus, and every node's room broadcasts it to its own members, under the lock again
 * ({@link #accept}). On a single node the journal keeps a room's messages in the order they were
 * numbered, so the broadcast order is the id order. In a cluster the store numbers them, and a room
 * that receives an id past the next one holds it back until the missing ones come, from the bus or
 * from the store ({@link Repair}); a hole the store no longer has is shown as a {@code gap}. In a cluster
 * the other events (joins, parts, topics...) go through the journal too, and the store gives every event
 * of the room, messages included, a place in one sequence; the room shows them in that order
 * ({@link #accept(long, Event, String, boolean)}), so members on every node see one order.
 *
 * <p>A lasting room (the lobby, a room owned by an account) writes its moderation ({@link Modes}) to
 * the store after every change, outside the lock, so that it outlasts a restart.
 */
public final class Room {
    private final String name;
    private final String key;
    private final Journal journal;
    private final int replay;
    /**
     * Whether other nodes publish to this room: its events then come in the order of the room's sequence
     * (a place each, from the store), late or twice, and holes are repaired.
     */
    private final boolean shared;
    /**
     * Whether this node's own room events (joins, parts, topics...) take a place in the sequence too: a
     * cluster's room, whose journal is counted. They are then shown to this node's members in their
     * place, like the other nodes' ({@link #tell}); otherwise (one node) at once.
     */
    private final boolean sequenced;
    /** Events received past a hole, by place, waiting for it to fill; guarded by {@link #lock}. */
    private final java.util.TreeMap<Long, Held> held = new java.util.TreeMap<>();
    /** In a shared room, the place of the last event shown (every one up to it is stored); guarded by {@link #lock}. */
    private long placed;
    /**
     * Members on other nodes whose arrival this node was shown (folded nick → as shown), so that their
     * quit can be told when their node dies; guarded by {@link #lock}. Only those whose join this node
     * saw: one that joined before this node started is not here.
     */
    private final java.util.HashMap<String, String> elsewhere = new java.util.HashMap<>();
    /** Where this room's own events go to reach the other nodes (see {@link #tell}); set once before use. */
    private java.util.function.Consumer<Event> outward = event -> { };
    /**
     * Set when this node opened the room while it had members on other nodes: its first member here did
     * not open it, and is not made its operator. Written once before the room is shared.
     */
    private boolean elsewhereFirst;
    /** Whether a {@link Repair} of this room runs now; guarded by {@link #lock}. */
    private boolean repairing;
    private final ReentrantLock lock = new ReentrantLock();
    /** Serialises writes of this room's record and state to the store, so the last change is the one kept. */
    private final Object saving = new Object();

    /** Guarded by {@link #lock}. */
    private final LinkedHashSet<Session> members = new LinkedHashSet<>();
    /**
     * Guests whose arrival the room has not been told (it was big when they came): their join, nick
     * changes and leaving reach themselves alone until they speak, log in or have stayed a while. A
     * storm of guests that come and go thus costs the members nothing. A subset of {@link #members};
     * guarded by {@link #lock}.
     */
    private final java.util.HashSet<Session> unannounced = new java.util.HashSet<>();
    /** Guarded by {@link #lock}. */
    private String topic = "";
    /** The id of the last message numbered; guarded by {@link #lock}. */
    private long lastId;
    /**
     * For a room opened anew under the name of one that just closed: the last id that one gave, read at
     * this room's first message (not when it was opened, which may be before the other closed), so that
     * two stays of one name never number alike. Null once read, or when there is none; guarded by
     * {@link #lock}.
     */
    private java.util.function.LongSupplier floor;
    /** The id of the last message broadcast (every one up to it is stored); guarded by {@link #lock}. */
    private long delivered;
    /** The last messages broadcast, oldest first, replayed to a newcomer; guarded by {@link #lock}. */
    private final ArrayDeque<Event.Message> recent;
    /** The owning account (0: none), which keeps the room when it empties; guarded by {@link #lock}. */
    private long owner;
    /** Stays when empty (the lobby, and rooms owned by an account); guarded by {@link #lock}. */
    private boolean permanent;
    /** Set when the room emptied and left the registry; a closed room takes no one. Guarded by {@link #lock}. */
    private boolean closed;
    /** Operators, voices, bans, invitations, modes; guarded by {@link #lock} (changed by {@link RoomModeration}). */
    final Modes modes;

    /**
     * A room as the store left it: {@code lastId} and {@code recent} resume its numbering and replay,
     * {@code state} its moderation (null: none kept; the lobby then starts +t, its topic set by server
     * operators only).
     */
    Room(String name, boolean permanent, long owner, String topic, long lastId, List<Event.Message> recent,
            Journal journal, int replay, RoomState state, boolean lobby, boolean shared) {
        this.shared = shared;
        this.sequenced = shared && journal.counted();
        this.name = name;
        this.key = Names.fold(name);
        this.permanent = permanent || owner != 0;
        this.owner = owner;
        this.topic = topic;
        this.lastId = lastId;
        this.delivered = lastId;
        this.recent = new ArrayDeque<>(recent);
        this.journal = journal;
        this.replay = replay;
        this.modes = new Modes(state);
        if (state == null && lobby) {
            modes.topicLocked = true;
        }
        if (owner != 0) {
            modes.operators.add("a" + owner);
        }
    }

    public String name() {
        return name;
    }

    /**
     * Adds {@code session}, tells every member (the newcomer included), shows the newcomer the topic,
     * then replays the last messages to it, marked as history. Replaying under the lock is what makes it
     * exact: the newcomer gets every message broadcast before it joined from the replay, every later one
     * live, none twice. Returns false if the room closed meanwhile.
     */
    boolean join(Session session, Request entry) {
        boolean invitation;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (members.contains(session)) {
                return true;
            }
            if (sibling(session) != null) { // another session of the account is in: this one follows it
                members.add(session);
                session.send(new Event.Joined(name, session.nick())); // the room saw the account come already
                if (!topic.isEmpty()) {
                    session.send(new Event.TopicChanged(name, null, topic));
                }
                replayTo(session);
                return true;
            }
            admit(session, entry);
            members.add(session);
            if (members.size() == 1 && owner == 0 && !permanent && !elsewhereFirst) {
                modes.operators.add(session.identity()); // whoever opens a room runs it
            }
            invitation = modes.invited.remove(session.identity());
            if (session.account() == null && members.size() - 1 > entry.announceUpTo()) {
                unannounced.add(session);
                session.send(new Event.Joined(name, session.nick()));
            } else {
                tellJoined(session);
            }
            if (!topic.isEmpty()) {
                session.send(new Event.TopicChanged(name, null, topic)); // no setter: "the topic is", as IRC's 332
            }
            replayTo(session);
        } finally {
            lock.unlock();
        }
        if (invitation) {
            persist(); // an invitation lets in once
        }
        return true;
    }

    /** Replays the last messages to a newcomer; call with the lock held. */
    private void replayTo(Session session) {
        for (Event.Message message : recent) {
            if (!session.ignoresNick(message.from())) {
                session.send(message.as(Event.Delivery.HISTORY));
            }
            session.floor(this, recent.isEmpty() ? delivered + 1 : recent.getFirst().id());
        }
    }

    /**
     * Another member logged in to the same account as {@code session} (multiclient: the room knows the
     * account once, whatever number of its sessions are in), or null; a guest has none. Call with the
     * lock held.
     */
    private Session sibling(Session session) {
        if (session.account() == null) {
            return null;
        }
        String identity = session.identity();
        for (Session member : members) {
            if (member != session && member.account() != null && member.identity().equals(identity)) {
                return member;
            }
        }
        return null;
    }

    /** How a join with catch-up ended: joined, the room closed meanwhile, or the page read does not reach the live stream. */
    enum CatchUp { JOINED, CLOSED, BEHIND }

    /**
     * Joins {@code session} and sends it, instead of the replay, every message after {@code after}: first
     * {@code page} (read from the store, outside the lock, up to {@code covered}), then those broadcast since
     * that read, which the recent ones must still hold (else {@link CatchUp#BEHIND}: read again). Under
     * the lock, so the boundary with the live stream is exact: each message once, in id order.
     */
    CatchUp joinAfter(Session session, Request entry, Event.Gap gap, List<Event.Message> page, long covered) {
        lock.lock();
        try {
            if (closed) {
                return CatchUp.CLOSED;
            }
            if (delivered > covered && (recent.isEmpty() || recent.getFirst().id() > covered + 1)) {
                return CatchUp.BEHIND;
            }
            if (members.contains(session)) {
                throw new ChatException("already-in-room", "you are in " + name + " already");
            }
            boolean follows = sibling(session) != null; // the account is in already: no door, no announcement
            if (!follows) {
                admit(session, entry);
            }
            members.add(session);
            if (members.size() == 1 && owner == 0 && !permanent && !elsewhereFirst) {
                modes.operators.add(session.identity());
            }
            if (!follows) {
                modes.invited.remove(session.identity());
            }
            if (follows) {
                session.send(new Event.Joined(name, session.nick()));
            } else if (session.account() == null && members.size() - 1 > entry.announceUpTo()) {
                unannounced.add(session); // as for a plain join: a guest in a big room is announced later
                session.send(new Event.Joined(name, session.nick()));
            } else {
                tellJoined(session);
            }
            if (gap != null) {
                session.send(gap);
            }
            for (Event.Message message : page) {
                session.send(message.as(Event.Delivery.MISSED));
            }
            for (Event.Message message : recent) {
                if (message.id() > covered) {
                    session.send(message.as(Event.Delivery.MISSED));
                }
            }
            session.floor(this, covered + 1);
            return CatchUp.JOINED;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #joinAfter} with the lock held across {@code reader}'s store read: the last resort of {@link Missed}. */
    CatchUp joinHolding(Session session, Request entry, java.util.function.Supplier<Missed.Read> reader) {
        lock.lock();
        try {
            Missed.Read read = reader.get();
            return joinAfter(session, entry, read.gap(), read.messages(), read.covered());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells the room that {@code session} joined. In a cluster the joiner sees its join at once (before
     * the topic and the replay); the others see it in its place in the room's sequence, which the
     * delivery skips for the joiner ({@link #place}). Call with the lock held.
     */
    private void tellJoined(Session session) {
        var joined = new Event.Joined(name, session.nick());
        if (sequenced) {
            session.send(joined);
        }
        tell(joined);
    }

    /** Sets the place of the last event a shared room's store holds; called once, before the room is shared. */
    void placeAfter(long seq) {
        this.placed = seq;
    }

    /** The place of the last event shown in a shared room: everything up to it is in the store. */
    long placed() {
        lock.lock();
        try {
            return placed;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the room as opened on another node first ({@link #elsewhereFirst}); called once, before it is shared. */
    void openedElsewhere() {
        elsewhereFirst = true;
    }

    /** Sets {@link #floor}; called once, before the room is shared. */
    void numberAfter(java.util.function.LongSupplier floor) {
        this.floor = floor;
    }

    /** The id of the last message broadcast: everything up to it is in the store. */
    long delivered() {
        lock.lock();
        try {
            return delivered;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How a session asks to come in: the key it gives, its room limit, whether it runs the server, and
     * the room size up to which a guest's arrival is announced at once.
     */
    record Request(String key, int membersPerRoom, boolean serverOperator, int announceUpTo) {}

    /** The door of the room: the key, bans, invitations, the size. Call with the lock held. */
    private void admit(Session session, Request entry) {
        if (modes.key == null && entry.key() != null) { // a typo ("/join #bad room") must not pass in silence
            throw new ChatException("no-key", name + " has no key: /join " + name + " without one"
                    + " (an operator gives a room a key with /mode " + name + " +k KEY)");
        }
        if (entry.serverOperator() || modes.isOperator(session)) {
            return;
        }
        String ban = modes.banOf(session);
        if (ban != null) {
            throw new ChatException("banned", "you are banned from " + name + " (" + ban + ")");
        }
        if (modes.inviteOnly && !modes.invited.contains(session.identity())) {
            throw new ChatException("invite-only", name + " is invite-only: ask an operator for /invite");
        }
        if (modes.key != null && !modes.key.equals(entry.key())) {
            throw new ChatException("bad-key", name + " needs a key: /join " + name + " KEY");
        }
        if (members.size() >= entry.membersPerRoom()) {
            throw new ChatException("room-full", name + " is full (" + entry.membersPerRoom() + " members)");
        }
    }

    /**
     * Removes {@code session} and tells the members ({@code event} is a part or a quit); the leaver hears
     * a part, not a quit. Returns true when the room is now empty and not permanent: it is then closed
     * and the caller must drop it from the registry.
     */
    boolean leave(Session session, Event event, boolean tellLeaver) {
        return locked(() -> {
            if (!members.contains(session)) {
                return false;
            }
            if (sibling(session) != null) { // the account stays in through another session: only this one goes
                members.remove(session);
                if (tellLeaver) {
                    session.send(event);
                }
            } else if (unannounced.remove(session)) { // nobody was told it came: nobody is told it goes
                members.remove(session);
                if (tellLeaver) {
                    session.send(event);
                }
            } else if (tellLeaver) {
                if (sequenced) {
                    session.send(event); // the leaver now, the others in the event's place
                }
                tell(event);
                members.remove(session);
            } else {
                members.remove(session);
                tell(event);
            }
            return closeWhenEmpty();
        });
    }

    /**
     * Numbers a message from a member and hands it to the journal; every member, the sender included,
     * receives it once it is stored, but those who ignore the sender. If the store fails, the sender
     * alone is told.
     */
    Event.Message post(Session from, String text, boolean action, boolean serverOperator) {
        journal.reserve();
        lock.lock();
        try {
            if (!members.contains(from)) {
                journal.unreserve();
                throw new ChatException("not-in-room", "you are not in " + name);
            }
            if (!serverOperator && !modes.mayspeak(from)) {
                journal.unreserve();
                throw new ChatException("moderated", name + " is moderated: only operators and voiced members speak");
            }
            String ban = serverOperator || modes.bans.isEmpty() || modes.isOperator(from) ? null : modes.banOf(from);
            if (ban != null) { // banned after joining (maybe on another node): stays, but silent
                journal.unreserve();
                throw new ChatException("banned", "you are banned from " + name + " (" + ban + "): you cannot speak there");
            }
            announceArrival(from); // a guest that speaks is announced first, in the room's order
            if (floor != null) {
                lastId = Math.max(lastId, floor.getAsLong());
                floor = null;
            }
            long id = journal.counted() ? 0 : ++lastId; // 0: the store numbers it, in the commit (a cluster)
            var message = new Event.Message(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), name, from.nick(), text,
                    action);
            var entry = new Entry.RoomMessage(key, id, message.ts(), message.from(), text, action);
            org.causerie.metrics.Meters.ROOM_MESSAGES.increment();
            journal.submit(List.of(entry), from, null, false);
            return message;
        } finally {
            lock.unlock();
        }
    }

    /**
     * An event that came past a hole: a message (with its sender's identity; null: unknown, from the
     * store) or another room event, and whether another node's member caused it.
     */
    private record Held(Event event, String identity, boolean remote) {}

    /**
     * Broadcasts a stored message to this node's members, on a single node (not {@link #shared}): the
     * journal hands them over in id order. {@code senderIdentity} null (a message read back from the
     * store) filters block lists by nickname.
     */
    void accept(Event.Message message, String senderIdentity) {
        lock.lock();
        try {
            // In id order already (posted under this lock, committed in order), but a message of a previous
            // stay of this name, committed after the room reopened and numbered past it, is found by name:
            // its stay had no one left to tell, and this one must not see it out of order.
            if (message.id() > delivered) {
                deliver(message, senderIdentity);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shows an event of a cluster's room to this node's members in the room's order: {@code seq} is its
     * place. A place already shown is dropped (the bus's copy of what the store gave, or the other way
     * round); the next is shown; one past a hole is held until the hole fills. Returns true when a hole
     * remains, for the caller to repair. {@code identity}: a message's sender, for block lists (null:
     * unknown, from the store); {@code remote}: whether another node's member caused it.
     */
    boolean accept(long seq, Event event, String identity, boolean remote) {
        lock.lock();
        try {
            if (seq <= placed || held.containsKey(seq)) {
                return !held.isEmpty();
            }
            if (seq > placed + 1) {
                held.put(seq, new Held(event, identity, remote));
                return true;
            }
            place(seq, event, identity, remote);
            drainHeld();
            return !held.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Shows the event at place {@code seq}, the next one; call with the lock held. */
    private void place(long seq, Event event, String identity, boolean remote) {
        placed = seq;
        if (event instanceof Event.Message message) {
            if (message.id() <= delivered) {
                return; // committed before the room opened here, after its place was read: in the replay already
            }
            if (message.id() > delivered + 1) { // only a skipped place makes one: removed by retention
                broadcast(new Event.Gap(name, null, delivered + 1, message.id() - 1));
            }
            deliver(message, identity);
            return;
        }
        switch (event) {
            case Event.TopicChanged changed -> topic = changed.topic(); // the last in the room's order wins
            case Event.Joined joined when remote -> elsewhere.put(Names.fold(joined.nick()), joined.nick());
            case Event.Parted parted when remote -> elsewhere.remove(Names.fold(parted.nick()));
            case Event.Quit quit when remote -> elsewhere.remove(Names.fold(quit.nick()));
            case Event.Kicked kicked when remote -> elsewhere.remove(Names.fold(kicked.nick()));
            case Event.NickChanged renamed when remote -> {
                if (elsewhere.remove(Names.fold(renamed.nick())) != null) {
                    elsewhere.put(Names.fold(renamed.newNick()), renamed.newNick());
                }
            }
            default -> { }
        }
        broadcastBut(event, remote ? null : joiner(event));
    }

    /** The nickname (folded) of this node's member whose own join {@code event} is: it heard it at once. */
    private static String joiner(Event event) {
        return event instanceof Event.Joined joined ? Names.fold(joined.nick()) : null;
    }

    /** Queues an event to every member but the one called {@code folded} (null: none); call with the lock held. */
    private void broadcastBut(Event event, String folded) {
        var envelope = new Envelope(event);
        for (Session member : members) {
            if (folded == null || !Names.fold(member.nick()).equals(folded)) {
                member.deliver(envelope);
            }
        }
    }

    /**
     * Shows this node's members a room event of theirs whose commit failed (the store down): it has no
     * place and the other nodes never see it, but this node's members see it as on a single node.
     */
    void unplaced(Event event) {
        locked(() -> broadcastBut(event, joiner(event)));
    }

    /**
     * Gives up on places up to {@code to} that the store no longer has (retention removed them): delivery
     * goes on after them, and the next message tells the members of the messages lost with a gap. Call
     * only with places the store is known to lack.
     */
    void skip(long to) {
        lock.lock();
        try {
            if (to <= placed) {
                return;
            }
            placed = to;
            drainHeld();
        } finally {
            lock.unlock();
        }
    }

    /** The lowest place held back past a hole, or 0 when none is. */
    long firstHeld() {
        lock.lock();
        try {
            return held.isEmpty() ? 0 : held.firstKey();
        } finally {
            lock.unlock();
        }
    }

    /** Marks a repair as running; false if one runs already (it will see what this caller saw). */
    boolean startRepair() {
        return locked(() -> {
            if (repairing) {
                return false;
            }
            repairing = true;
            return true;
        });
    }

    void endRepair() {
        locked(() -> {
            repairing = false;
        });
    }

    /** Shows the held events that now follow {@link #placed}; call with the lock held. */
    private void drainHeld() {
        while (!held.isEmpty() && held.firstKey() <= placed + 1) {
            var next = held.pollFirstEntry();
            if (next.getKey() == placed + 1) {
                Held event = next.getValue();
                place(next.getKey(), event.event(), event.identity(), event.remote());
            }
        }
    }

    /** Broadcasts a stored message, and keeps it for the replay; call with the lock held. */
    private void deliver(Event.Message message, String senderIdentity) {
        {
            if (replay > 0) {
                if (recent.size() == replay) {
                    recent.removeFirst();
                }
                recent.addLast(message);
            }
            delivered = message.id();
            if (shared && delivered > lastId) {
                lastId = delivered;
            }
            var envelope = new Envelope(message);
            for (Session member : members) {
                if (senderIdentity != null ? !member.ignores(senderIdentity) : !member.ignoresNick(message.from())) {
                    member.deliver(envelope);
                }
            }
            org.causerie.metrics.Meters.DELIVERIES.increment(members.size());
        }
    }

    /** Gives the room to {@code account}, so that it lasts when empty; false if it has an owner already. */
    boolean own(long account) {
        return locked(() -> {
            if (owner != 0) {
                return false;
            }
            owner = account;
            permanent = true;
            modes.operators.add("a" + account);
            return true;
        });
    }

    /** The id of the last message numbered (stored or on its way to the store). */
    long lastId() {
        return locked(() -> lastId);
    }

    long owner() {
        return locked(() -> owner);
    }

    /** Writes the room's record and state; the lock {@code saving} orders concurrent saves, so the last topic wins. */
    void save(Store store) {
        synchronized (saving) {
            long account = owner();
            if (account != 0) {
                store.saveRoom(new RoomRecord(name, account, topic()));
            }
        }
        persist();
    }

    /**
     * Writes the moderation state of a lasting room, or of any room in a cluster (where a node that opens
     * it after another reads it); a room of a single node that does not last keeps nothing. Call without the lock.
     */
    void persist() {
        synchronized (saving) {
            RoomState state = locked(() -> (permanent || shared) && !closed ? modes.state(name) : null);
            if (state != null) {
                journal.store().saveRoomState(state);
            }
        }
    }

    void topic(Session by, boolean serverOperator, String text) {
        locked(() -> {
            if (!members.contains(by)) {
                throw new ChatException("not-in-room", "join " + name + " to set its topic");
            }
            if (modes.topicLocked && !serverOperator && !modes.isOperator(by)) {
                throw new ChatException("not-operator", "only operators set the topic of " + name + " (+t)");
            }
            topic = text;
            tell(new Event.TopicChanged(name, by.nick(), text));
        });
    }

    /**
     * Tells the room that {@code member} arrived, if it has not been told yet: a guest that has spoken,
     * logged in or stayed. The member itself heard its join when it came. Returns whether it was told now.
     */
    boolean announce(Session member) {
        lock.lock();
        try {
            return announceArrival(member);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code member} is in, its arrival not yet announced. */
    boolean unannounced(Session member) {
        lock.lock();
        try {
            return unannounced.contains(member);
        } finally {
            lock.unlock();
        }
    }

    /** Call with the lock held. */
    private boolean announceArrival(Session member) {
        if (!unannounced.remove(member)) {
            return false;
        }
        var joined = new Event.Joined(name, member.nick());
        if (sequenced) {
            outward.accept(joined); // shown in its place, to all but the member, who heard it when it came
            return true;
        }
        var envelope = new Envelope(joined);
        for (Session other : members) {
            if (other != member) {
                other.deliver(envelope);
            }
        }
        share(joined);
        return true;
    }

    /**
     * Queues an event about {@code member} (its new nickname) to the room, or to the member alone while
     * the room has not been told it arrived.
     */
    void announce(Session member, Event event) {
        lock.lock();
        try {
            if (unannounced.contains(member)) {
                member.send(event);
            } else {
                tell(event);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues an event to every member in the room's order; for events the room does not originate. */
    void announce(Event event) {
        locked(() -> broadcast(event));
    }

    public String topic() {
        return locked(() -> topic);
    }

    public boolean has(Session session) {
        return locked(() -> members.contains(session));
    }

    /**
     * Whether {@code session} may read this room's history: its members and operators, and anyone the
     * room's door would let in without a key or an invitation (so +k, +i and a ban close it too).
     */
    boolean readableBy(Session session, boolean serverOperator) {
        return locked(() -> serverOperator || members.contains(session) || modes.isOperator(session)
                || (modes.key == null && !modes.inviteOnly && modes.banOf(session) == null));
    }

    /** The members' nicknames, in order of arrival: a snapshot. */
    public List<String> nicks() {
        return locked(() -> {
            var nicks = new ArrayList<String>(members.size());
            var seen = new java.util.HashSet<String>();
            for (Session member : members) {
                if (member.account() == null || seen.add(member.identity())) { // an account's sessions: once
                    nicks.add(member.nick());
                }
            }
            return nicks;
        });
    }

    /**
     * The members' nicknames in order of arrival, each after its status as IRC writes it ({@code @} for
     * an operator, {@code +} for a voiced member, both in that order): a snapshot.
     */
    public List<String> nicksWithStatus() {
        lock.lock();
        try {
            var nicks = new ArrayList<String>(members.size());
            var seen = new java.util.HashSet<String>();
            for (Session member : members) {
                String identity = member.identity();
                if (member.account() != null && !seen.add(identity)) {
                    continue; // an account's sessions are one member
                }
                nicks.add((modes.operators.contains(identity) ? "@" : "") + (modes.voiced.contains(identity) ? "+" : "")
                        + member.nick());
            }
            return nicks;
        } finally {
            lock.unlock();
        }
    }

    /** The members, an account's several sessions counted once. */
    public int size() {
        return locked(() -> {
            int sessions = members.size();
            int accounts = 0;
            var seen = new java.util.HashSet<String>();
            for (Session member : members) {
                if (member.account() != null) {
                    accounts++;
                    seen.add(member.identity());
                }
            }
            return sessions - accounts + seen.size();
        });
    }

    /** The sessions in the room logged in to {@code account}'s id (multiclient); a snapshot. */
    List<Session> sessionsOf(long account) {
        return locked(() -> {
            var found = new ArrayList<Session>();
            for (Session member : members) {
                Account logged = member.account();
                if (logged != null && logged.id() == account) {
                    found.add(member);
                }
            }
            return found;
        });
    }

    /** Forgets removed messages from the replay: one by id, or (id 0) every message shown under {@code from}. */
    void forget(long id, String from) {
        locked(() -> {
            String folded = from == null ? null : Names.fold(from);
            recent.removeIf(m -> id != 0 ? m.id() == id : Names.fold(m.from()).equals(folded));
        });
    }

    /** Takes {@code member} out, announced or not; call with the lock held (a kick). */
    void remove(Session member) {
        members.remove(member);
        unannounced.remove(member);
    }

    /** Closes the room for good: every member is put out by {@code by} with {@code reason}; returns who they were. */
    List<Session> close(String by, String reason) {
        return locked(() -> {
            var out = new ArrayList<>(members);
            var told = new java.util.HashSet<String>();
            for (Session member : out) {
                if (member.account() == null || told.add(member.identity())) { // an account's sessions: one kick
                    tell(new Event.Kicked(name, member.nick(), by, reason));
                }
                members.remove(member);
            }
            unannounced.clear();
            closed = true;
            permanent = false;
            owner = 0;
            return out;
        });
    }

    /** Closes the room if nobody is left and nothing keeps it; true if it did. */
    boolean closeIfEmpty() {
        return locked(this::closeWhenEmpty);
    }

    /** Call with the lock held. */
    private boolean closeWhenEmpty() {
        if (members.isEmpty() && !permanent) {
            closed = true;
        }
        return closed;
    }

    /** Every member session called {@code nick} (an account's several, or one); call with the lock held. */
    List<Session> membersCalled(String nick) {
        String key = Names.fold(nick);
        var found = new ArrayList<Session>();
        for (Session member : members) {
            if (Names.fold(member.nick()).equals(key)) {
                found.add(member);
            }
        }
        if (found.isEmpty()) {
            throw new ChatException("not-in-room", nick + " is not in " + name);
        }
        return found;
    }

    /** The member called {@code nick}; call with the lock held. */
    Session member(String nick) {
        String key = Names.fold(nick);
        for (Session member : members) {
            if (Names.fold(member.nick()).equals(key)) {
                return member;
            }
        }
        throw new ChatException("not-in-room", nick + " is not in " + name);
    }

    /**
     * Tells the room an event this node's member caused (a join, a part, a topic...). On a single node it
     * is broadcast at once. In a cluster it goes to the journal, which gives it its place in the room's
     * sequence, and every node, this one included, shows it in that place ({@link #accept(long, Event,
     * String, boolean)}); a kicked member of this node, about to be taken out, hears its kick at once.
     * Call with the lock held.
     */
    void tell(Event event) {
        if (sequenced) {
            if (event instanceof Event.Kicked kicked) {
                for (Session member : members) {
                    if (Names.fold(member.nick()).equals(Names.fold(kicked.nick()))) {
                        member.send(event);
                    }
                }
            }
            outward.accept(event);
            return;
        }
        broadcast(event);
        share(event);
    }

    /** Hands an event to {@link #outward}, in a cluster; never blocks (the lock is held). */
    private void share(Event event) {
        if (shared) {
            outward.accept(event);
        }
    }

    /**
     * Shows this node's members an event another node's member caused; a topic is kept as this room's
     * topic too. Moderation (modes, bans) is not copied: see docs/cluster.md.
     */
    void show(Event event) {
        locked(() -> {
            switch (event) {
                case Event.TopicChanged changed -> topic = changed.topic();
                case Event.Joined joined -> elsewhere.put(Names.fold(joined.nick()), joined.nick());
                case Event.Parted parted -> elsewhere.remove(Names.fold(parted.nick()));
                case Event.Quit quit -> elsewhere.remove(Names.fold(quit.nick()));
                case Event.Kicked kicked -> elsewhere.remove(Names.fold(kicked.nick()));
                case Event.NickChanged renamed -> {
                    if (elsewhere.remove(Names.fold(renamed.nick())) != null) {
                        elsewhere.put(Names.fold(renamed.newNick()), renamed.newNick());
                    }
                }
                default -> { }
            }
            broadcast(event);
        });
    }

    /**
     * Tells this node's members that {@code nick}, a member on another node that died, is gone: if
     * {@code known} (the cluster's presence says it was in this room), or else if this room was told it
     * came; never while a member of this node holds that name. Returns whether it told.
     */
    boolean lost(String nick, String reason, boolean known) {
        return locked(() -> {
            String key = Names.fold(nick);
            String shown = elsewhere.remove(key);
            if (known && shown == null) {
                shown = nick;
            }
            for (Session member : members) {
                if (Names.fold(member.nick()).equals(key)) {
                    shown = null;
                }
            }
            if (shown != null) {
                broadcast(new Event.Quit(name, shown, reason));
            }
            return shown != null;
        });
    }

    /**
     * Sets where the events of {@link #tell} go to reach the other nodes (in a cluster, to be given their
     * place first); called once, before the room is shared.
     */
    void outward(java.util.function.Consumer<Event> outward) {
        this.outward = outward;
    }

    /** Must be called with {@link #lock} held: this is what makes the order total. */
    private void broadcast(Event event) {
        var envelope = new Envelope(event);
        for (Session member : members) {
            member.deliver(envelope);
        }
    }

    /** Runs {@code body} under the room's lock; for the paths off the message hot path. */
    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
