package org.causerie.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.causerie.event.Event;
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
 * ({@link RoomOrder}), so members on every node see one order.
 *
 * <p>A lasting room (the lobby, a room owned by an account) writes its moderation ({@link Modes}) to
 * the store after every change, outside the lock, so that it outlasts a restart.
 */
public final class Room {
    private final String name;
    private final String key;
    private final Journal journal;
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
    /** Where this room's own events go to reach the other nodes (see {@link #tell}); set once before use. */
    private java.util.function.BiConsumer<Event, String> outward = (event, about) -> { };
    /** What a placed event does here besides being shown ({@link RoomEffects}); null on a single node. */
    private RoomEffects effects;
    /**
     * Set when this node opened the room while it had members on other nodes: its first member here did
     * not open it, and is not made its operator. Written once before the room is shared.
     */
    private boolean elsewhereFirst;
    /**
     * In a cluster, this stay's mark in the store of a room that does not last ({@link Rooms}), removed when it
     * closes here; "" otherwise. Written once before the room is shared.
     */
    private String stay = "";
    private final ReentrantLock lock = new ReentrantLock();
    /** The room's order in a cluster; its state is guarded by {@link #lock} too. */
    private final RoomOrder order = new RoomOrder(this);
    /** Serialises writes of this room's record and state to the store, so the last change is the one kept. */
    private final Object saving = new Object();

    /** Who is in, on this node; guarded by {@link #lock}. */
    private final Members members = new Members();
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
    /** The last messages broadcast, replayed to a newcomer; guarded by {@link #lock}. */
    private final Recent recent;
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
        this.recent = new Recent(replay, recent);
        this.journal = journal;
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
            invitation = seat(session, entry);
            showTopicAndReplay(session);
        } finally {
            lock.unlock();
        }
        if (invitation) {
            persist(); // an invitation lets in once
        }
        return true;
    }

    /**
     * Lets {@code session} in through the room's door and tells the room; the newcomer hears its own join.
     * Another session of its account in already (multiclient) makes it follow that one: no door, and the
     * room, which knows the account, hears nothing. A guest coming into a big room is announced later.
     * Returns whether it came in on an invitation (used up). Call with the lock held.
     */
    private boolean seat(Session session, Request entry) {
        if (members.sibling(session) != null) {
            follow(session);
            return false;
        }
        modes.admit(name, session, entry, members.sessions());
        members.add(session);
        if (members.sessions() == 1 && owner == 0 && !permanent && !elsewhereFirst) {
            modes.operators.add(session.identity()); // whoever opens a room runs it
        }
        boolean invitation = modes.invited.remove(session.identity());
        if (session.account() == null && members.sessions() - 1 > entry.announceUpTo()) {
            members.addUnannounced(session);
            session.send(new Event.Joined(name, session.nick()));
        } else {
            tellJoined(session);
        }
        return invitation;
    }

    /**
     * Puts in a session whose account is in the room already (multiclient): no door, and the room, which
     * knows the account, hears nothing; the session hears its own join. Call with the lock held.
     */
    private void follow(Session session) {
        members.add(session);
        session.send(new Event.Joined(name, session.nick()));
    }

    /** Shows a newcomer the topic, then replays the last messages to it. Call with the lock held. */
    private void showTopicAndReplay(Session session) {
        if (!topic.isEmpty()) {
            session.send(new Event.TopicChanged(name, null, topic)); // no setter: "the topic is", as IRC's 332
        }
        recent.replayTo(session, this, delivered);
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
            if (!recent.reaches(covered, delivered)) {
                return CatchUp.BEHIND;
            }
            if (members.contains(session)) {
                throw new ChatException("already-in-room", "you are in " + name + " already");
            }
            seat(session, entry); // an invitation it used is saved with the room's next change
            if (gap != null) {
                session.send(gap);
            }
            for (Event.Message message : page) {
                session.send(message.as(Event.Delivery.MISSED));
            }
            recent.sendAfter(session, covered);
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
     * delivery skips for the joiner ({@link RoomOrder}). Call with the lock held.
     */
    private void tellJoined(Session session) {
        var joined = new Event.Joined(name, session.nick());
        if (sequenced) {
            session.send(joined);
        }
        tell(joined, account(session)); // the account's sessions on other nodes follow it in ({@link RoomEffects})
    }

    /** What an account holder's join or part carries to the other nodes: its identity, for its sessions there; "" for a guest. */
    private static String account(Session session) {
        return session.account() == null ? "" : session.identity();
    }

    /**
     * Puts {@code session} in, following its account's session on another node (multiclient across nodes):
     * no door (the account is in), and the room, which was told the account came, hears nothing; the session
     * hears its join, the topic and the replay. Returns false if the room closed meanwhile.
     */
    boolean joinFollowing(Session session) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (members.contains(session)) {
                return true;
            }
            follow(session);
            showTopicAndReplay(session);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes out this node's sessions of {@code account}, which left on another node (multiclient across
     * nodes): the room was told there; each session hears {@code parted}. Call with the lock held.
     */
    List<Session> leaveFollowing(long account, Event.Parted parted) {
        List<Session> out = members.of(account);
        for (Session session : out) {
            members.remove(session);
            session.send(new Event.Parted(name, session.nick(), parted.reason()));
        }
        return out;
    }

    /** Marks the room as opened on another node first ({@link #elsewhereFirst}); called once, before it is shared. */
    void openedElsewhere() {
        elsewhereFirst = true;
    }

    /** Sets {@link #stay}; called once, before the room is shared. */
    void stay(String stay) {
        this.stay = stay;
    }

    String stay() {
        return stay;
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
            if (members.sibling(session) != null) { // the account stays in through another session: only this one goes
                members.remove(session);
                if (tellLeaver) {
                    session.send(event);
                }
            } else if (members.announced(session)) { // nobody was told it came: nobody is told it goes
                members.remove(session);
                if (tellLeaver) {
                    session.send(event);
                }
            } else if (tellLeaver) {
                if (sequenced) {
                    session.send(event); // the leaver now, the others in the event's place
                }
                tell(event, event instanceof Event.Parted ? account(session) : ""); // a part: the account's other nodes follow
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
     * Shows a cluster's stored message in its place ({@link RoomOrder}); call with the lock held. One
     * committed before the room opened here (after its place was read) is in the replay already; one past
     * the next id can only follow a place skipped because retention removed it: the members see a gap.
     */
    void placeMessage(Event.Message message, String senderIdentity) {
        if (message.id() <= delivered) {
            return;
        }
        if (message.id() > delivered + 1) {
            broadcast(new Event.Gap(name, null, delivered + 1, message.id() - 1));
        }
        deliver(message, senderIdentity);
    }

    /** Broadcasts a stored message, and keeps it for the replay; call with the lock held. */
    private void deliver(Event.Message message, String senderIdentity) {
        {
            recent.keep(message);
            delivered = message.id();
            if (shared && delivered > lastId) {
                lastId = delivered;
            }
            var envelope = Relay.envelope(message);
            for (Session member : members) {
                if (senderIdentity != null ? !member.ignores(senderIdentity) : !member.ignoresNick(message.from())) {
                    member.deliver(envelope);
                }
            }
            org.causerie.metrics.Meters.DELIVERIES.increment(members.sessions());
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
            return members.isUnannounced(member);
        } finally {
            lock.unlock();
        }
    }

    /** Call with the lock held. */
    private boolean announceArrival(Session member) {
        if (!members.announced(member)) {
            return false;
        }
        var joined = new Event.Joined(name, member.nick());
        if (sequenced) {
            outward.accept(joined, ""); // shown in its place, to all but the member, who heard it when it came
            return true;
        }
        var envelope = Relay.envelope(joined);
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
            if (members.isUnannounced(member)) {
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

    /** The members' nicknames, in order of arrival (an account's sessions once): a snapshot. */
    public List<String> nicks() {
        return locked(members::nicks);
    }

    /**
     * The members' nicknames in order of arrival, each after its status as IRC writes it ({@code @} for
     * an operator, {@code +} for a voiced member, both in that order): a snapshot.
     */
    public List<String> nicksWithStatus() {
        return locked(() -> members.nicksWithStatus(modes));
    }

    /** The members, an account's several sessions counted once. */
    public int size() {
        return locked(members::people);
    }

    /** The sessions in the room logged in to {@code account}'s id (multiclient); a snapshot. */
    List<Session> sessionsOf(long account) {
        return locked(() -> members.of(account));
    }

    /** Who is in on this node; call with the lock held. */
    Members roster() {
        return members;
    }

    /** The room's order in a cluster: where the bus and the repair hand what they bring. */
    RoomOrder order() {
        return order;
    }

    /** Forgets removed messages from the replay: one by id, or (id 0) every message shown under {@code from}. */
    void forget(long id, String from) {
        locked(() -> recent.forget(id, from));
    }

    /** Takes {@code member} out, announced or not; call with the lock held (a kick). */
    void remove(Session member) {
        members.remove(member);
    }

    /** Closes the room for good: every member is put out by {@code by} with {@code reason}; returns who they were. */
    List<Session> close(String by, String reason) {
        return locked(() -> closeTelling(by, reason, this::tell));
    }

    /**
     * {@link #close} in a cluster's close's place ({@link RoomEffects}): the kicks are shown to this node's
     * members, not told to the other nodes, which close the room in that place too. Call with the lock held.
     */
    List<Session> closeShown(String by, String reason) {
        return closeTelling(by, reason, this::broadcast);
    }

    private List<Session> closeTelling(String by, String reason, java.util.function.Consumer<Event> told) {
        var out = new ArrayList<Session>();
        members.forEach(out::add);
        var seen = new java.util.HashSet<String>();
        for (Session member : out) { // each hears its own kick, and those of the members after it
            if (member.account() == null || seen.add(member.identity())) { // an account's sessions: one kick
                told.accept(new Event.Kicked(name, member.nick(), by, reason));
            }
            members.remove(member);
        }
        closed = true;
        permanent = false;
        owner = 0;
        return out;
    }

    /**
     * Tells the room an invitation of {@code identity} an operator of this node made (call with the lock
     * held): in a cluster it takes its place in the room's sequence, and every node, this one included, tells
     * it in that place ({@link RoomEffects}); on one node it is told at once ({@link #tellInvitation}).
     */
    void invitation(Event.Invited event, String identity) {
        if (sequenced) {
            outward.accept(event, identity);
        } else {
            tellInvitation(event);
        }
    }

    /**
     * invite-notify: shows an invitation to the members whose door asked to hear of them (an IRC client with
     * that capability), but the inviter and the invited, who hear of it otherwise. Call with the lock held.
     */
    void tellInvitation(Event.Invited event) {
        String by = Names.fold(event.by());
        String invited = Names.fold(event.nick());
        var envelope = Relay.envelope(event);
        for (Session member : members) {
            String nick = Names.fold(member.nick());
            if (member.toldOfInvitations() && !nick.equals(by) && !nick.equals(invited)) {
                member.deliver(envelope);
            }
        }
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
        List<Session> found = members.called(nick);
        if (found.isEmpty()) {
            throw new ChatException("not-in-room", nick + " is not in " + name);
        }
        return found;
    }

    /**
     * Tells the room an event this node's member caused (a join, a part, a topic...). On a single node it
     * is broadcast at once. In a cluster it goes to the journal, which gives it its place in the room's
     * sequence, and every node, this one included, shows it in that place ({@link RoomOrder#accept}); a kicked member of this node, about to be taken out, hears its kick at once.
     * Call with the lock held.
     */
    void tell(Event event) {
        tell(event, "");
    }

    /**
     * {@link #tell} of an event that does something on every node besides being shown (a mode change, a
     * kick of another node's member): {@code about} is what carries it out there ({@link RoomEffects}).
     * Call with the lock held.
     */
    void tell(Event event, String about) {
        if (sequenced) {
            if (event instanceof Event.Kicked kicked) {
                for (Session member : members) {
                    if (Names.fold(member.nick()).equals(Names.fold(kicked.nick()))) {
                        member.send(event);
                    }
                }
            }
            outward.accept(event, about);
            return;
        }
        broadcast(event);
        share(event);
    }

    /** Hands an event to {@link #outward}, in a cluster; never blocks (the lock is held). */
    private void share(Event event) {
        if (shared) {
            outward.accept(event, "");
        }
    }

    /**
     * Sets where the events of {@link #tell} go to reach the other nodes (in a cluster, to be given their
     * place first); called once, before the room is shared.
     */
    void outward(java.util.function.BiConsumer<Event, String> outward) {
        this.outward = outward;
    }

    /** Sets what a placed event does here besides being shown; called once, before the room is shared. */
    void effects(RoomEffects effects) {
        this.effects = effects;
    }

    /** What a placed event does here besides being shown; null on a single node. */
    RoomEffects effects() {
        return effects;
    }

    /** Must be called with {@link #lock} held: this is what makes the order total. */
    private void broadcast(Event event) {
        members.deliverBut(Relay.envelope(event), null);
    }

    /** Queues an event to every member but the one called {@code folded} (null: none); call with the lock held. */
    void broadcastBut(Event event, String folded) {
        members.deliverBut(Relay.envelope(event), folded);
    }

    /** Keeps a topic another node's member set, shown in its place; call with the lock held. */
    void topicShown(String topic) {
        this.topic = topic;
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
