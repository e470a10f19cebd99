package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.causerie.auth.HashWorkers;
import org.causerie.auth.Passwords;
import org.causerie.bus.Bus;
import org.causerie.bus.LocalBus;
import org.causerie.event.Event;
import org.causerie.store.Account;
import org.causerie.store.Claims;
import org.causerie.store.Entry;
import org.causerie.store.Store;

/**
 * The chat domain: rooms, the nickname directory, and the routing of room and private messages. It
 * knows nothing of sockets or codecs, and reaches the store only through {@link Store} and the
 * {@link Journal}. Its guarantees (total order per room, one owner per nickname, durable before
 * delivered) are written in docs/concurrency.md.
 */
public final class Hub {
    public static final String LOBBY = "#general";

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
    private final Joins joins;
    private final ServerBans bans;
    private final Privates privates;
    private final Bus bus;
    private final Repair repair;
    private final Relay relay;
    /** Who is in which room on the other nodes; null on a single node. */
    private final Presence presence;
    /** Has this node's sessions of an account follow it into a room (multiclient across nodes); null on a single node. */
    private RoomEffects followers;
    /** This node's hold on its claims in a cluster; null on a single node. */
    private final NodeLease nodeLease;
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Blocklists blocklists;
    private final Directory directory;

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
            rooms.openings((name, stay) -> claims.opens(name, bus.node(), stay, lease),
                    (name, stay) -> claims.closed(name, bus.node(), stay));
        }
        rooms.outward(presence == null ? relay::share : (event, about) -> {
            presence.changed(event);
            relay.share(event, about);
        });
        if (presence != null) {
            var effects = new RoomEffects(rooms, nicks, presence::changed);
            rooms.effects(effects);
            relay.followers(note -> effects.followInto(note.room(), note.nick(), note.extra()));
            this.followers = effects;
        }
        this.moderation = new Moderation(this, rooms, nicks, rules);
        relay.orders(moderation::receive);
        this.drain = new Drain(this, nicks, rules.shutdown());
        this.blocklists = new Blocklists(this, nicks);
        this.directory = new Directory(rooms, presence);
        this.accounts = new Accounts(this, nicks, journal.store(), hashing, gate, rules);
        this.tokens = new SessionTokens(accounts);
        this.history = new History(this, journal.store());
        this.joins = new Joins(this, rooms, nicks, rules, new Missed(rooms, journal.store()));
        this.bans = new ServerBans(journal.store(), nicks, rules, java.time.Clock.systemUTC());
        rooms.load(LOBBY);
        this.nodeLease = claims == null ? null
                : new NodeLease(claims, nicks, presence, relay, bus.node(), lease, this::sessions);
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
            nodeLease.stop();
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
        if (nodeLease == null) {
            nicks.renew();
        } else {
            nodeLease.renew();
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
     * Hands the journal a room event of this node that no room of this node tells (a close, which may be of
     * a room open on other nodes only), to take its place in the room's sequence; a cluster only.
     */
    void placed(Event event) {
        relay.share(event);
    }

    /** Who is in which room, and the rooms open, on every node of the cluster. */
    public Directory directory() {
        return directory;
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
        return joins.join(session, name, null);
    }

    /** Joins with a key, for a room that has one (+k); see {@link Joins#join}. */
    public boolean join(Session session, String name, String key) {
        return joins.join(session, name, key);
    }

    /**
     * Gives a session that has just logged in its account's rooms; see {@link Joins#attach}. In a cluster,
     * also those where the account's sessions on other nodes are (their member rows): it follows them in.
     */
    public void attach(Session session) {
        joins.attach(session);
        if (presence != null && session.account() != null) {
            try {
                for (String room : presence.roomsOf(session.identity())) {
                    followers.followInto(room, session.nick(), session.identity());
                }
            } catch (RuntimeException e) { // the database away: the rooms of this node's sessions only
                org.slf4j.LoggerFactory.getLogger(Hub.class).warn("attach_elsewhere_failed nick={} reason={}",
                        session.nick(), e.getMessage());
            }
        }
    }

    void detach(Session session, String reason) {
        joins.detach(session, reason);
    }

    /** Catches a session up on a room; see {@link Joins#catchUp}. */
    public String catchUp(Session session, String name, long after, String key) {
        return joins.catchUp(session, name, after, key);
    }

    /** Leaves the room called {@code name} (null: the current one), with every session of the account. */
    public void part(Session session, String name, String reason) {
        joins.part(session, name, reason);
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

    /** Who each user ignores. */
    public Blocklists blocklists() {
        return blocklists;
    }

    /** Every login path (password, token) asks this before the session takes the account: a banned account is refused. */
    void checkLogin(Account account) {
        bans.checkAccount(account.nick());
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

    /** The people connected to this node: its sessions, an account's several counted once (multiclient). */
    public int people() {
        return nicks.holders();
    }

    /** The live nodes of the cluster as of the last renewal of this node's claims (1 on a single node). */
    public int nodeCount() {
        return nodeLease == null ? 1 : nodeLease.liveNodes();
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
