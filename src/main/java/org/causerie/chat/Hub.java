package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.causerie.auth.HashWorkers;
import org.causerie.auth.Passwords;
import org.causerie.bus.Bus;
import org.causerie.bus.LocalBus;
import org.causerie.store.Account;
import org.causerie.store.Claims;
import org.causerie.store.Entry;
import org.causerie.store.Ignore;
import org.causerie.store.MemoryStore;
import org.causerie.store.Store;

/**
 * The chat domain: rooms, the nickname directory, and the routing of room and private messages. It
 * knows nothing of sockets or codecs, and reaches the store only through {@link Store} and the
 * {@link Journal}. Its guarantees (total order per room, one owner per nickname, durable before
 * delivered) are written in docs/concurrency.md.
 */
public final class Hub {
    public static final String LOBBY = "#general";
    /**
     * Announces the guests who stayed unannounced in a big room for the while the rules allow; one daemon
     * thread for the process, each task a short room operation. A task for a guest that has left, spoken or
     * been announced meanwhile does nothing.
     */
    private static final ScheduledThreadPoolExecutor ARRIVALS = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("arrivals").daemon().factory());

    private final String server;
    private final String version;
    /** Makes guest identities unique across restarts, although guest numbers start again at 1. */
    private final String boot;
    private final Journal journal;
    private final Rules rules;
    private final Moderation moderation;
    private final Nicks nicks;
    /** The cluster's claims, null on a single node: guest numbers then come from the cluster. */
    private final Claims claims;
    /** How long nickname claims and node heartbeats last, in a cluster. */
    private final java.time.Duration lease;
    private final Drain drain;
    /** Whether this node's bus link is up, as last told by {@link #linkChanged}; guarded by this hub's monitor. */
    private boolean linkUp = true;
    private final Rooms rooms;
    private final Accounts accounts;
    private final SessionTokens tokens;
    private final History history;
    private final Missed missed;
    private final ServerBans bans;
    private final Privates privates;
    private final Bus bus;
    private final Repair repair;
    private final Relay relay;
    /** Who is in which room on the other nodes; null on a single node. */
    private final Presence presence;
    /**
     * When this node last began a renewal of its claims that succeeded (System.nanoTime), and whether it
     * let its sessions go because it could not renew in time; guarded by this hub's monitor.
     */
    private long renewedAt = System.nanoTime();
    private boolean lapsed;
    /** Ends the sessions when renewals stop succeeding (a renewal may hang on a database that is away); null on a single node. */
    private final Thread leaseWatch;
    /** Lasting rooms created per address. */
    private final Budget roomsCreated;
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicInteger sessions = new AtomicInteger();
    /** Orders changes of block lists (rare), so that two sessions of one account lose none. */
    private final Object ignoring = new Object();

    /** A hub of a single node: its bus is local. */
    public Hub(String server, String version, Journal journal, HashWorkers hashing, Gate gate, Rules rules) {
        this(server, version, journal, hashing, gate, rules, new LocalBus(server), null, java.time.Duration.ZERO);
    }

    /**
     * A hub whose committed events go out on {@code bus}, and which delivers what the bus brings to its
     * own sessions. A shared bus (a cluster) needs a journal whose store numbers ({@link Journal#counted}),
     * and {@code claims}, where nicknames are claimed for the cluster under {@code lease} (null and zero on
     * a single node).
     */
    public Hub(String server, String version, Journal journal, HashWorkers hashing, Gate gate, Rules rules, Bus bus,
            Claims claims, java.time.Duration lease) {
        if (bus.shared() != journal.counted()) {
            throw new IllegalArgumentException("a shared bus needs a counted journal, and only it does");
        }
        this.server = server;
        this.version = version;
        this.journal = journal;
        this.rules = rules;
        this.bus = bus;
        this.claims = claims;
        this.lease = lease;
        this.nicks = claims == null ? new Nicks() : new Nicks(claims, bus.node(), lease);
        this.boot = Long.toString(System.currentTimeMillis(), 36) + (claims == null ? "" : "." + bus.node());
        this.rooms = new Rooms(journal, rules.replay(), bus.shared());
        this.privates = new Privates(nicks, journal, rules, claims != null);
        this.repair = new Repair(journal.store(), rooms, bus.node());
        this.relay = new Relay(bus, rooms, privates, repair, nicks);
        journal.outcome(relay);
        bus.receive(relay);
        this.presence = claims == null ? null : new Presence(claims, bus.node(), lease, rooms, nicks);
        if (presence != null) {
            rooms.openElsewhere(name -> !presence.elsewhere(name).isEmpty());
        }
        rooms.outward(presence == null ? relay::share : event -> {
            presence.changed(event);
            relay.share(event);
        });
        this.moderation = new Moderation(this, rooms, nicks, rules);
        relay.orders(moderation::receive);
        this.drain = new Drain(this, nicks, rules.shutdown());
        this.accounts = new Accounts(this, nicks, journal.store(), hashing, gate, rules);
        this.tokens = new SessionTokens(accounts);
        this.history = new History(this, journal.store());
        this.missed = new Missed(rooms, journal.store());
        this.bans = new ServerBans(journal.store(), nicks, rules, java.time.Clock.systemUTC());
        Rules.Quotas quotas = rules.quotas();
        this.roomsCreated = new Budget(quotas.roomsPerAddressHour(), java.time.Duration.ofHours(1), System::nanoTime);
        rooms.load(LOBBY);
        if (claims != null) { // alive before any member is written; an earlier life's members quit
            claims.beat(bus.node(), 0);
            tellGone(presence.resync(), "node " + bus.node() + " restarted");
            leaseWatch = Thread.ofVirtual().name("lease-watch").start(this::watchLease);
        } else {
            leaseWatch = null;
        }
    }

    /** A hub over a store in memory, for tests without a server. */
    public Hub(String server, String version) {
        this(server, version, Journal.inline(new MemoryStore()), TestHashing.WORKERS, Gate.defaults(), Rules.DEFAULTS);
    }

    /** One pool of hash workers for every hub made without a server (made at first use). */
    private static final class TestHashing {
        static final HashWorkers WORKERS = new HashWorkers(new Passwords(), 1, 64);
    }

    public Accounts accounts() {
        return accounts;
    }

    public SessionTokens tokens() {
        return tokens;
    }

    public History history() {
        return history;
    }

    /**
     * Compares every open room with the store and fetches what this node missed: a cluster node calls it
     * when its bus reconnects and periodically, so that the last messages of a quiet room are not lost.
     */
    public void checkRooms() {
        if (bus.shared()) {
            repair.check();
        }
    }

    /** Stops what the hub runs on its own (the publishing of room events); called by a server that stops. */
    public void close() {
        relay.stop();
        if (presence != null) {
            presence.stop();
            leaseWatch.interrupt();
        }
    }

    /** What a cluster node's sessions are told when it ends them for a lease it could not renew. */
    public static final String LEASE_LOST = "cluster: this server lost its database and could not keep your nickname"
            + " (other servers may give it away): reconnect, here or to another server";

    /**
     * Extends this node's nickname claims in the cluster and says it is alive with its session count; a
     * node calls it well within every lease (three times per lease). Then takes the members of dead nodes
     * and has every node tell their quits. A node that cannot renew ends its sessions before its lease
     * runs out, since another node may then give their names away: at the renewal after which the next
     * one would come too late.
     */
    public void renewClaims() {
        if (claims == null) {
            nicks.renew();
            return;
        }
        long started = System.nanoTime();
        try {
            nicks.renew();
            claims.beat(bus.node(), sessions());
        } catch (RuntimeException e) {
            lapseIfDue(started);
            throw e;
        }
        boolean resync;
        synchronized (this) {
            renewedAt = started;
            resync = lapsed || presence.stale();
            lapsed = false;
        }
        if (resync) { // this node's members and names as the database has them may be wrong: written again
            nicks.forfeit(false);
            nicks.forgetStale();
            tellGone(presence.resync(), "node " + bus.node() + " lost its database");
        }
        claims.takeLapsed(); // the names of dead nodes' users are free; their quits come from their rooms below
        for (Claims.Gone gone : presence.sweep()) {
            if (!gone.stillThere()) {
                tellGone(List.of(gone.member()), "node " + gone.member().node() + " lost");
            }
        }
    }

    /**
     * Until interrupted, checks twelve times per lease that a renewal succeeded recently enough: a renewal
     * stuck on a database that does not answer (the pool waits for a connection) must not keep this node
     * serving names past its lease.
     */
    private void watchLease() {
        while (true) {
            try {
                Thread.sleep(java.time.Duration.ofNanos(Math.max(1_000_000, lease.toNanos() / 12)));
            } catch (InterruptedException e) {
                return;
            }
            lapseIfDue(System.nanoTime());
        }
    }

    /** Ends every session of this node if its claims would lapse before the next renewal. */
    private void lapseIfDue(long now) {
        long renewEvery = lease.toNanos() / 3;
        synchronized (this) {
            if (lapsed || now - renewedAt < lease.toNanos() - renewEvery) {
                return;
            }
            lapsed = true;
        }
        nicks.forfeit(true); // their claims are let go when the database is back (forgetStale)
        List<Session> all = nicks.everyone();
        org.causerie.audit.Audit.event("cluster_lease_lost", "node", bus.node(), "sessions", all.size());
        for (Session session : all) {
            session.end(LEASE_LOST);
        }
    }

    /** Has every node (this one too) tell the rooms of {@code members} that they quit, saying {@code reason}. */
    private void tellGone(List<Claims.Member> members, String reason) {
        for (Claims.Member member : members) {
            relay.send(new org.causerie.bus.Note(org.causerie.bus.Note.VERSION, bus.node(),
                    org.causerie.bus.Note.Kind.GONE, member.room(), 0, System.currentTimeMillis(), "",
                    member.identity(), member.nick(), reason, false, member.node()));
        }
    }

    /** The cluster's live nodes and their sessions (this node alone on a single node), for /nodes. */
    List<Claims.Node> nodes() {
        return claims == null ? List.of(new Claims.Node(bus.node(), sessions())) : claims.nodes(lease);
    }

    /** Whether this hub is a node of a cluster. */
    boolean clustered() {
        return presence != null;
    }

    Presence presence() {
        return presence;
    }

    /** Publishes an order or a change to the other nodes (off the caller's locks, in the order sent). */
    void send(org.causerie.bus.Note note) {
        relay.send(note);
    }

    /**
     * The members of {@code room} on every node of the cluster, each after its status as IRC writes it
     * ({@code @} an operator, {@code +} voiced): this node's in order of arrival, then the others'.
     */
    public List<String> members(Room room) {
        return presence == null ? room.nicksWithStatus() : presence.names(room);
    }

    /** A room's name as spelled and its members on every node, marked as {@link #members(Room)} marks them. */
    public record Members(String room, List<String> marked) {}

    /**
     * The members of the room called {@code name} on every node: a room open here, or, in a cluster, one
     * that has members on other nodes only (without their status, which this node does not know). Throws
     * {@code no-such-room} for neither.
     */
    public Members members(String name) {
        Names.checkRoom(name);
        Room room = rooms.find(name);
        if (room != null) {
            return new Members(room.name(), members(room));
        }
        List<Claims.Member> remote = presence == null ? List.of() : presence.elsewhere(name);
        if (remote.isEmpty()) {
            throw new ChatException("no-such-room", "there is no room " + name);
        }
        var seen = new java.util.HashSet<String>();
        var nicks = new ArrayList<String>();
        remote.stream().filter(m -> seen.add(Names.fold(m.nick()))).forEach(m -> nicks.add(m.nick()));
        return new Members(remote.getFirst().room(), nicks);
    }

    /** A room as /rooms and LIST show it: its name, its members on every node, its topic as this node knows it. */
    public record Listed(String name, int members, String topic) {}

    /** The rooms open on any node of the cluster (this node's alone on a single node), by name. */
    public List<Listed> listRooms() {
        var listed = new ArrayList<Listed>();
        var elsewhere = presence == null ? java.util.Map.<String, Claims.Count>of() : presence.roomsElsewhere();
        var seen = new java.util.HashSet<String>();
        for (Room room : rooms.list()) {
            String key = Names.fold(room.name());
            seen.add(key);
            Claims.Count there = elsewhere.get(key);
            listed.add(new Listed(room.name(), room.size() + (there == null ? 0 : there.members()), room.topic()));
        }
        for (var there : elsewhere.entrySet()) {
            if (seen.add(there.getKey())) {
                listed.add(new Listed(there.getValue().room(), there.getValue().members(), ""));
            }
        }
        listed.sort(java.util.Comparator.comparing(Listed::name, String.CASE_INSENSITIVE_ORDER));
        return listed;
    }

    /** Who holds {@code nick} on another node of the cluster, if anyone does. */
    Optional<Claims.Claim> elsewhere(String nick) {
        return nicks.elsewhere(nick);
    }

    /** Asks the node that holds {@code claim}'s sessions to end them, saying {@code reason}. */
    void endElsewhere(Claims.Claim claim, String reason) {
        relay.send(new org.causerie.bus.Note(org.causerie.bus.Note.VERSION, bus.node(), org.causerie.bus.Note.Kind.KILL,
                "", 0, System.currentTimeMillis(), "", claim.identity(), claim.nick(), reason, false, claim.node()));
    }

    /** The notices a cluster node's sessions get when its link to the others is lost and when it is back. */
    public static final String LINK_LOST = "cluster: this server has lost its link to the others: your messages are"
            + " accepted and kept, and reach people on other servers when the link is back";
    public static final String LINK_BACK = "cluster: the link to the other servers is back";

    /**
     * Tells every session of this node that its link to the other nodes is lost (what they send is
     * committed and published late) or back; each transition is said once, in the order it happened.
     */
    public synchronized void linkChanged(boolean up) {
        if (linkUp == up) {
            return;
        }
        linkUp = up;
        org.causerie.audit.Audit.event(up ? "cluster_link_back" : "cluster_link_lost", "node", bus.node());
        var notice = new Event.Notice(up ? LINK_BACK : LINK_LOST);
        for (Session session : nicks.everyone()) {
            session.send(notice);
        }
    }

    /** This node's name on the bus. */
    public String node() {
        return bus.node();
    }

    Drain drain() {
        return drain;
    }

    /** Whether a server operator's /drain is under way: no new session is let in; readiness says no. */
    /** Runs {@code action} when a {@code /drain} starts, before anyone is told (the server closes its ports). */
    public void onDrain(Runnable action) {
        drain.onStart(action);
    }

    public boolean draining() {
        return drain.draining();
    }

    public Moderation moderation() {
        return moderation;
    }

    public ServerBans bans() {
        return bans;
    }

    Store store() {
        return journal.store();
    }

    /** {@link #connect(Sink, java.net.InetAddress)} for a session with no connection (unit tests, fuzzing). */
    public Session connect(Sink sink) {
        return connect(sink, null);
    }

    /**
     * A new session from {@code address} with a guest nickname, greeted, in no room yet: its door seats it
     * ({@link #seat}) once it has said something, so that a connection which never does costs the rooms
     * nothing. Every door calls this, so a server ban of the address (thrown as {@code banned}, before any
     * session exists) holds on all of them.
     */
    public Session connect(Sink sink, java.net.InetAddress address) {
        var session = enter(sink, address);
        session.send(new Event.Welcome(server, version, session.nick(), LOBBY));
        return session;
    }

    /**
     * Seats a session in the lobby, announced there under the name it has now. A room it joined already
     * stays its current room. A full lobby is told, and the session stays where it is.
     */
    public void seat(Session session) {
        Room current = session.current();
        try {
            join(session, LOBBY);
        } catch (ChatException refused) {
            session.send(new Event.Error("join", refused.code(), refused.getMessage() + "; /join another room"));
        }
        if (current != null) {
            session.makeCurrent(current);
        }
    }

    /**
     * A new session with a guest nickname, neither greeted nor seated: for a door that greets in its own
     * way and seats the session only when it asks (an IRC client registers, then JOINs). A server ban of
     * the address is thrown as {@code banned}, before any session exists, on every door.
     */
    public Session enter(Sink sink, java.net.InetAddress address) {
        if (drain.draining()) { // refused as a ban is, on every door, before any session exists
            throw new ChatException("draining", "this server is closing for maintenance: connect to another server");
        }
        bans.checkAddress(address);
        long id = sessionIds.incrementAndGet();
        // Guest names are unique by construction (ids never repeat, users may not pick the prefix); in a
        // cluster the number comes from the cluster, so that two nodes never name two guests alike.
        long number = claims == null ? id : claims.nextGuest();
        var session = new Session(id, Names.GUEST_PREFIX + number, sink, "g" + boot + "." + id, address);
        nicks.claimGuest(session.nick(), session);
        sessions.incrementAndGet();
        return session;
    }

    /** The sessions holding {@code nick} now (several for an account with several connections), maybe none. */
    public List<Session> online(String nick) {
        return nicks.sessions(nick);
    }

    /** True when {@code nick} is held now by an account's sessions (not a guest's). */
    public boolean heldByAccount(String nick) {
        Nicks.Holder holder = nicks.get(nick);
        return holder != null && holder.accountId() != 0;
    }

    /**
     * Makes the room called {@code name}, which the session is in, its current room (where the
     * commands that act on "your current room" act); throws {@code not-in-room} otherwise. A door whose
     * verbs name their room (IRC) calls this before such a command.
     */
    public Room focus(Session session, String name) {
        Room room = room(name);
        if (!room.has(session)) {
            throw new ChatException("not-in-room", "you are not in " + room.name());
        }
        session.makeCurrent(room);
        return room;
    }

    /**
     * Takes {@code session} out of every room (telling the members why) and frees its nickname, once
     * what it sent is delivered (so its own last messages reach it too).
     */
    public void disconnect(Session session, String reason) {
        journal.flush(java.time.Duration.ofSeconds(5));
        for (Room room : session.rooms()) {
            rooms.leave(room, session, new Event.Quit(room.name(), session.nick(), reason), false);
            session.left(room);
        }
        nicks.release(session.nick(), session);
        sessions.decrementAndGet();
    }

    public void rename(Session session, String wanted) {
        if (session.account() != null) {
            throw new ChatException("logged-in", "you are logged in as " + session.nick() + ": /logout to change nickname");
        }
        Names.checkNick(wanted);
        String old = session.nick();
        if (old.equals(wanted)) {
            throw new ChatException("nick-unchanged", "you are already " + wanted);
        }
        if (store().findAccount(wanted).isPresent()) {
            throw new ChatException("nick-registered", wanted + " is registered: /login " + wanted + " PASSWORD");
        }
        boolean sameKey = Names.fold(old).equals(Names.fold(wanted));
        if (!sameKey && !nicks.claimGuest(wanted, session)) {
            throw new ChatException("nick-taken", "the nickname " + wanted + " is taken");
        }
        session.nick(wanted);
        if (!sameKey) {
            nicks.release(old, session);
        }
        renamed(session, old, wanted);
    }

    /**
     * Tells the session's rooms (or the session alone, in none) that it is now called {@code now}; a room
     * not yet told of its arrival hears nothing, unless it logged in: then it is announced, by its new name.
     */
    void renamed(Session session, String old, String now) {
        List<Room> in = session.rooms();
        for (Room room : in) {
            room.announce(session, new Event.NickChanged(room.name(), old, now));
            if (session.account() != null) {
                room.announce(session);
            }
        }
        if (in.isEmpty()) {
            session.send(new Event.NickChanged(null, old, now));
        }
    }

    /** Joins (creating the room if needed) and makes it the current room. Returns true if newly joined. */
    public boolean join(Session session, String name) {
        return join(session, name, null);
    }

    /** Joins with a key, for a room that has one (+k). */
    public boolean join(Session session, String name, String key) {
        Names.checkRoom(name);
        Room existing = rooms.find(name);
        if (existing != null && existing.has(session)) {
            session.makeCurrent(existing);
            return false;
        }
        if (session.rooms().size() >= rules.roomsPerUser()) {
            throw new ChatException("too-many-rooms", "you are in " + rules.roomsPerUser() + " rooms already: /part one");
        }
        Account account = session.account();
        if (existing == null && account != null) {
            checkRoomQuota(session, account, name);
        }
        Room room = rooms.join(session, name, new Room.Request(key, rules.membersPerRoom(), rules.isOperator(session),
                rules.announceUpTo()));
        session.entered(room);
        if (room.unannounced(session)) { // a guest in a big room: announced once it has stayed, if not before
            ARRIVALS.schedule(() -> room.announce(session), rules.quietFor().toNanos(), TimeUnit.NANOSECONDS);
        }
        if (presence != null && room.size() == 1) { // its opener: the other nodes must know it is open
            presence.settle(java.time.Duration.ofSeconds(2));
        }
        if (account != null && room.size() == 1 && room.own(account.id())) {
            room.save(store()); // a registered user's new room lasts, with its topic
        }
        if (account != null) {
            for (Session sibling : siblings(session)) {
                follow(sibling, room);
            }
        }
        return true;
    }

    /**
     * The other sessions of {@code session}'s account on this node (multiclient: they share its nickname,
     * its rooms and its private conversations); none for a guest.
     */
    List<Session> siblings(Session session) {
        Account account = session.account();
        if (account == null) {
            return List.of();
        }
        var found = new ArrayList<Session>();
        for (Session other : nicks.sessions(account.nick())) {
            Account theirs = other.account();
            if (other != session && theirs != null && theirs.id() == account.id()) {
                found.add(other);
            }
        }
        return found;
    }

    /**
     * Puts {@code session} in {@code room}, where another session of its account is: the room, which
     * knows the account already, tells only this session (its JOIN, the topic, the replay). Its current
     * room stays; a session at its room limit stays out.
     */
    private void follow(Session session, Room room) {
        if (room.has(session) || session.rooms().size() >= rules.roomsPerUser()) {
            return;
        }
        try {
            Room joined = rooms.join(session, room.name(), new Room.Request(null, rules.membersPerRoom(),
                    rules.isOperator(session), rules.announceUpTo()));
            session.follow(joined);
        } catch (ChatException refused) { // the other session left meanwhile, and the room's door said no
            session.send(new Event.Error("join", refused.code(), refused.getMessage()));
        }
    }

    /**
     * Gives a session that has just logged in (and that its door has greeted: an IRC client once
     * registered) the rooms of its account's other sessions, and them its own: join in one, joined in
     * all.
     */
    public void attach(Session session) {
        List<Session> siblings = siblings(session);
        for (Session sibling : siblings) {
            for (Room room : sibling.rooms()) {
                follow(session, room);
            }
        }
        for (Room room : session.rooms()) {
            for (Session sibling : siblings) {
                follow(sibling, room);
            }
        }
    }

    /**
     * A session logging out of an account that stays logged in elsewhere leaves the rooms it shares with
     * it first (it hears a part; the rooms, where the account stays, hear nothing): the guest it becomes
     * is somebody else.
     */
    void detach(Session session, String reason) {
        if (siblings(session).isEmpty()) {
            return; // the last session: the rooms see its rename, as before multiclient
        }
        for (Room room : session.rooms()) {
            rooms.leave(room, session, new Event.Parted(room.name(), session.nick(), reason), true);
            session.left(room);
        }
    }

    /**
     * Catches {@code session} up on room {@code name} after the id {@code after} it last saw: it joins (if
     * it is not in the room yet) and gets exactly the messages it missed, then the live stream. Returns the
     * reply for the user. See {@link Missed} and docs/protocol.md.
     */
    public String catchUp(Session session, String name, long after, String key) {
        Names.checkRoom(name);
        Room existing = rooms.find(name);
        Missed.Result result;
        String shown;
        if (existing != null && existing.has(session)) {
            result = missed.member(session, existing, after);
            shown = existing.name();
        } else {
            if (session.rooms().size() >= rules.roomsPerUser()) {
                throw new ChatException("too-many-rooms", "you are in " + rules.roomsPerUser() + " rooms already: /part one");
            }
            result = missed.join(session, name, after, new Room.Request(key, rules.membersPerRoom(),
                    rules.isOperator(session), rules.announceUpTo()));
            Room room = rooms.find(name);
            shown = room == null ? name : room.name();
            if (room != null) {
                session.entered(room);
                if (room.unannounced(session)) {
                    ARRIVALS.schedule(() -> room.announce(session), rules.quietFor().toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        }
        String text = result.count() == 0 ? "caught up on " + shown + ": nothing missed after " + after
                : "caught up on " + shown + ": " + result.count() + (result.count() == 1 ? " message" : " messages")
                        + " missed (" + result.first() + "-" + result.last() + ")";
        return result.olderFrom() == 0 ? text : text + "; older: /history " + shown + " before " + result.olderFrom();
    }

    /**
     * A registered user's new room lasts, so rooms an account owns and rooms created from one address
     * are counted: past either quota the join is refused (a guest, or a logged-out user, may still
     * open a room that closes when empty). Server operators are not counted.
     */
    private void checkRoomQuota(Session session, Account account, String name) {
        if (rules.isOperator(session)) {
            return;
        }
        int perAccount = rules.quotas().roomsPerAccount();
        long owned = rooms.list().stream().filter(room -> room.owner() == account.id()).count();
        if (owned >= perAccount) {
            throw new ChatException("too-many-rooms-owned", "you own " + owned + " rooms, the most one account may:"
                    + " " + name + " was not created (/logout to open a room that closes when empty)");
        }
        if (session.address() != null && !roomsCreated.spend(session.address().getHostAddress(), 1)) {
            throw new ChatException("too-many-rooms-owned", "too many rooms were created from your address in the"
                    + " last hour (" + rules.quotas().roomsPerAddressHour() + "): " + name + " was not created; try later");
        }
    }

    public void part(Session session, String name, String reason) {
        if (name != null) {
            Names.checkRoom(name);
        }
        Room room = name == null ? currentRoom(session) : rooms.find(name);
        if (room == null || !room.has(session)) {
            throw new ChatException("not-in-room", "you are not in " + (name == null ? "any room" : name));
        }
        Account account = session.account();
        if (account != null) { // a part in one session parts them all; the last one to go is the room's PART
            for (Session sibling : room.sessionsOf(account.id())) {
                if (sibling != session) {
                    rooms.leave(room, sibling, new Event.Parted(room.name(), sibling.nick(), reason), true);
                    sibling.left(room);
                }
            }
        }
        rooms.leave(room, session, new Event.Parted(room.name(), session.nick(), reason), true);
        session.left(room);
    }

    /** Posts to the session's current room; members receive it once it is stored. */
    public Event.Message say(Session session, String text, boolean action) {
        return currentRoom(session).post(session, text, action, rules.isOperator(session));
    }

    /**
     * Posts to the room called {@code name}, which the session must be in ({@code not-in-room}): for a
     * door whose messages name their room (IRC), without touching the session's current room.
     */
    public Event.Message say(Session session, String name, String text, boolean action) {
        return room(name).post(session, text, action, rules.isOperator(session));
    }

    /** Sends a private message; see {@link Privates#tell}. */
    public void tell(Session from, String nick, String text) {
        privates.tell(from, nick, text);
    }

    /** Block lists: the most entries one user may keep. */
    public static final int IGNORE_MAX = 100;

    /**
     * Adds {@code nick} (whoever holds it now: an account, or this one guest connection) to the user's
     * block list: their room and private messages are no longer delivered to any of the user's sessions.
     * An account's list is stored; a guest's lasts as long as its connection.
     */
    public Ignore ignore(Session session, String nick) {
        String identity = identityOf(nick).orElseThrow(() -> new ChatException("no-such-nick", "nobody is called " + nick));
        if (identity.equals(session.identity())) {
            throw new ChatException("bad-target", "you cannot ignore yourself");
        }
        List<Session> held = nicks.sessions(nick);
        String shown = held.isEmpty() ? store().findAccount(nick).map(Account::nick).orElse(nick) : held.getFirst().nick();
        var entry = new Ignore(identity, shown);
        synchronized (ignoring) {
            List<Ignore> list = new ArrayList<>(session.ignored());
            if (list.stream().anyMatch(ignore -> ignore.identity().equals(identity))) {
                throw new ChatException("already-ignored", "you ignore " + shown + " already");
            }
            if (list.size() >= IGNORE_MAX) {
                throw new ChatException("too-many-ignored", "you ignore " + IGNORE_MAX + " people already: /unignore one");
            }
            list.add(entry);
            keepIgnores(session, list, account -> store().ignore(account.id(), entry));
        }
        return entry;
    }

    /** Takes {@code nick} (as listed, or whoever holds it now) off the user's block list. */
    public Ignore unignore(Session session, String nick) {
        synchronized (ignoring) {
            List<Ignore> list = new ArrayList<>(session.ignored());
            String now = identityOf(nick).orElse(null);
            Ignore found = list.stream().filter(ignore -> Names.fold(ignore.nick()).equals(Names.fold(nick))
                    || ignore.identity().equals(now)).findFirst()
                    .orElseThrow(() -> new ChatException("not-ignored", "you do not ignore " + nick));
            list.remove(found);
            keepIgnores(session, list, account -> store().unignore(account.id(), found.identity()));
            return found;
        }
    }

    public List<Ignore> ignores(Session session) {
        return session.ignored();
    }

    /** Stores the change for an account and gives the new list to all its sessions; a guest's is its own. */
    private void keepIgnores(Session session, List<Ignore> list, java.util.function.Consumer<Account> store) {
        Account account = session.account();
        if (account == null) {
            session.ignored(list);
            return;
        }
        store.accept(account);
        for (Session same : nicks.sessions(account.nick())) {
            same.ignored(list);
        }
    }

    /** Every login path (password, token) asks this before the session takes the account: a banned account is refused. */
    void checkLogin(Account account) {
        bans.checkAccount(account.nick());
    }

    /** Gives a session that has just logged in its account's block list, kept with the first registration. */
    void loggedIn(Session session, boolean registered) {
        Account account = session.account();
        synchronized (ignoring) {
            if (registered) { // what the guest ignored, the new account keeps
                session.ignored().forEach(ignore -> store().ignore(account.id(), ignore));
            }
            session.ignored(store().ignores(account.id()));
        }
    }

    /** A session that logged out is a guest again, ignoring nobody. */
    void loggedOut(Session session) {
        session.ignored(List.of());
    }

    public void topic(Session session, String name, String text) {
        Room room = room(name);
        room.topic(session, rules.isOperator(session), text);
        room.save(store());
    }

    /** The room called {@code name}; throws {@code bad-room} or {@code no-such-room}. */
    public Room room(String name) {
        Names.checkRoom(name);
        return rooms.require(name);
    }

    /**
     * The spelling of a room that has a history: a room open now, or one that emptied and closed but
     * whose messages are stored. Throws {@code no-such-room} for neither.
     */
    public String historyName(String name) {
        Names.checkRoom(name);
        Room room = rooms.find(name);
        if (room != null) {
            return room.name();
        }
        List<Entry.RoomMessage> last = store().roomBefore(name, Long.MAX_VALUE, 1).messages();
        if (last.isEmpty()) {
            throw new ChatException("no-such-room", "there is no room " + name);
        }
        return last.getFirst().room();
    }

    /** Refuses a reader the room would not let in: a closed room's history is for its members. */
    void checkReadable(Session reader, String name) {
        Room room = rooms.find(name);
        if (room != null && !room.readableBy(reader, rules.isOperator(reader))) {
            throw new ChatException("not-in-room", "the history of " + room.name() + " is for its members: /join "
                    + room.name() + " first");
        }
    }

    /** The id of a room's last message: numbered by the room if open, or the last stored. */
    long lastId(String room) {
        Room open = rooms.find(room);
        return open != null ? open.lastId() : store().lastRoomId(room);
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

    /** The identity of whoever is called {@code nick}: a connected session's, or a registered account's. */
    Optional<String> identityOf(String nick) {
        List<Session> online = nicks.sessions(nick);
        if (!online.isEmpty()) {
            return Optional.of(online.getFirst().identity());
        }
        return store().findAccount(nick).map(account -> "a" + account.id());
    }

    public int sessions() {
        return sessions.get();
    }

    /**
     * Waits (at most a few seconds) until every message submitted so far is delivered: what a session
     * does next comes after the echoes of what it sent before, as /format and /quit need.
     */
    public void settle() {
        journal.flush(java.time.Duration.ofSeconds(5));
    }

    /**
     * A session leaving of its own accord (/quit, fin): once what it sent is delivered, it leaves its
     * rooms, which are told {@code reason}, so that nothing from them follows its goodbye. Its nickname
     * stays until {@link #disconnect}.
     */
    public void depart(Session session, String reason) {
        settle();
        for (Room room : session.rooms()) {
            rooms.leave(room, session, new Event.Quit(room.name(), session.nick(), reason), false);
            session.left(room);
        }
    }
}
