package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.causerie.event.Event;
import org.causerie.store.Account;

/**
 * Joining and leaving rooms, for a session and its account's other sessions (multiclient: join in one,
 * joined in all; a part in one parts all), with the rules' limits and quotas, and the catch-up of a
 * room from a message id ({@link Missed}). The room itself keeps its order and its door ({@link Room}).
 */
final class Joins {
    /**
     * Announces the guests who stayed unannounced in a big room for the while the rules allow; one daemon
     * thread for the process, each task a short room operation. A task for a guest that has left, spoken or
     * been announced meanwhile does nothing.
     */
    private static final ScheduledThreadPoolExecutor ARRIVALS = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("arrivals").daemon().factory());

    private final Hub hub;
    private final Rooms rooms;
    private final Nicks nicks;
    private final Rules rules;
    private final Missed missed;
    /** Lasting rooms created per address. */
    private final Budget roomsCreated;

    Joins(Hub hub, Rooms rooms, Nicks nicks, Rules rules, Missed missed) {
        this.hub = hub;
        this.rooms = rooms;
        this.nicks = nicks;
        this.rules = rules;
        this.missed = missed;
        this.roomsCreated = new Budget(rules.quotas().roomsPerAddressHour(), java.time.Duration.ofHours(1), System::nanoTime);
    }

    /** Joins (creating the room if needed) and makes it the current room. Returns true if newly joined. */
    boolean join(Session session, String name) {
        return join(session, name, null);
    }

    /** Joins with a key, for a room that has one (+k). */
    boolean join(Session session, String name, String key) {
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
        if (hub.presence() != null && room.size() == 1) { // its opener: the other nodes must know it is open
            hub.presence().settle(java.time.Duration.ofSeconds(2));
        }
        if (account != null && room.size() == 1 && room.own(account.id())) {
            room.save(hub.store()); // a registered user's new room lasts, with its topic
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
    void attach(Session session) {
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
    String catchUp(Session session, String name, long after, String key) {
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

    void part(Session session, String name, String reason) {
        if (name != null) {
            Names.checkRoom(name);
        }
        Room room = name == null ? hub.currentRoom(session) : rooms.find(name);
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
}
