package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.causerie.event.Event;

/**
 * What a cluster's room event does on a node besides being shown, done in its place in the room's
 * sequence ({@link RoomOrder#accept}), whether it came on the bus or was read
 * back from the store by {@link Repair}: so the state it changes ends the same on every node, even one
 * that missed it on the bus. {@code about} is the event's argument as stored with it ({@link
 * org.causerie.store.Entry.RoomEvent#about}).
 *
 * <ul>
 * <li>a mode change ({@code +o}, {@code -v}, {@code +b MASK}, {@code +k}, {@code +m}...) is applied to this
 * node's copy of the room's modes before its members see it; the node where it was made applied it at
 * once and applies it again in its place, so that two operators' changes at one instant end in the
 * sequence's order on every node;
 * <li>a kick of a member of this node ({@code about} its identity: an operator of another node kicked it)
 * takes that member out after it was shown its kick;
 * <li>the quit of a dead node's user ({@code about} the dead node) is not shown where a member of this
 * node holds that name (the user came back here);
 * <li>an invitation ({@code about} the invited identity) of another node lets that identity in here and tells
 * its sessions here; every node, the inviter's too, tells its members that asked to hear of invitations
 * (IRC's invite-notify), and nobody else;
 * <li>a close ({@link RoomNotes#closing}) puts this node's members out, each shown its kick, and closes the
 * room here.
 * </ul>
 *
 * All are called with the room's lock held.
 */
final class RoomEffects {
    private final Rooms rooms;
    private final Nicks nicks;
    /** This node's member rows ({@link Presence#changed}); nothing on a single node. */
    private final Consumer<Event> presence;

    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("a[0-9]{1,18}");

    /** Whether {@code identity} is an account holder's ("a" and the account's id), not a guest's. */
    static boolean isAccount(String identity) {
        return ACCOUNT.matcher(identity).matches();
    }

    RoomEffects(Rooms rooms, Nicks nicks, Consumer<Event> presence) {
        this.rooms = rooms;
        this.nicks = nicks;
        this.presence = presence;
    }

    /**
     * Done before {@code event} is shown in {@code room}; returns whether it is to be shown here. {@code remote}:
     * another node's member caused it (this node's own were carried out here at once, when they were made).
     */
    boolean before(Room room, Event event, String about, boolean remote) {
        switch (event) {
            case Event.ModeChanged changed -> apply(room, changed.change(), about);
            case Event.Quit quit when !about.isEmpty() -> {
                if (!room.roster().called(quit.nick()).isEmpty()) {
                    return false;
                }
            }
            case Event.Invited invited -> {
                invited(room, invited, about, remote);
                return false;
            }
            case Event.Kicked kicked when RoomNotes.closing(kicked) -> {
                close(room, kicked);
                return false;
            }
            default -> { }
        }
        return true;
    }

    /**
     * An invitation in its place: another node's lets the invited identity in here and tells its sessions
     * here (the inviter's node did both at once, and must not give an invitation used meanwhile back); then
     * the members that asked to hear of invitations are told.
     */
    private void invited(Room room, Event.Invited invited, String identity, boolean remote) {
        if (remote && !identity.isEmpty()) {
            room.modes.invited.add(identity);
            for (Session target : nicks.sessions(invited.nick())) {
                if (target.identity().equals(identity)) {
                    target.send(new Event.Invited(room.name(), invited.by(), target.nick()));
                }
            }
        }
        room.tellInvitation(invited);
    }

    /**
     * A close in its place: this node's members are shown their kicks and put out, and the room closes here
     * (it is gone from the store already: the closing node forgot it before it told the close).
     */
    private void close(Room room, Event.Kicked closing) {
        List<Session> out = room.closeShown(closing.by(), closing.reason());
        for (Session member : out) {
            presence.accept(new Event.Kicked(room.name(), member.nick(), closing.by(), closing.reason()));
        }
        Thread.ofVirtual().name("closed-" + room.name()).start(() -> { // off the room's lock, as a kick here
            out.forEach(member -> member.left(room));
            rooms.forget(room);
        });
    }

    /**
     * Done after {@code event} was shown in {@code room}: a kick of this node's member takes it out; another
     * node's account holder's join or part ({@code about} its identity) has this node's sessions of that
     * account follow it in or out (multiclient across nodes).
     */
    void after(Room room, Event event, String about, boolean remote) {
        if (remote && isAccount(about)) {
            switch (event) {
                case Event.Joined joined -> followIn(room, joined.nick(), about);
                case Event.Parted parted -> followOut(room, parted, Long.parseLong(about.substring(1)));
                default -> { }
            }
        }
        if (!(event instanceof Event.Kicked kicked) || about.isEmpty()) {
            return;
        }
        List<Session> targets = new ArrayList<>();
        for (Session member : room.roster().called(kicked.nick())) {
            if (member.identity().equals(about)) {
                targets.add(member); // not a member that took the name since (another identity)
            }
        }
        if (targets.isEmpty()) {
            return; // not here: on another node, or gone meanwhile
        }
        targets.forEach(room::remove);
        presence.accept(kicked);
        Thread.ofVirtual().name("kicked-" + room.name()).start(() -> { // off the room's lock, as a kick here
            targets.forEach(target -> target.left(room));
            if (room.size() == 0 && room.owner() == 0 && !room.name().equals(Hub.LOBBY)) {
                rooms.leaveEmpty(room);
            }
        });
    }

    /**
     * Puts this node's sessions of {@code identity} (an account, called {@code nick}) in {@code room}, where the
     * account's session on another node just came: each hears its join, the topic and the replay; the room is
     * told nothing more. Its member row is written here too, so that it is listed while it stays.
     */
    void followIn(Room room, String nick, String identity) {
        for (Session session : nicks.sessions(nick)) {
            if (session.identity().equals(identity) && !room.has(session) && room.joinFollowing(session)) {
                session.follow(room);
                presence.accept(new Event.Joined(room.name(), session.nick()));
            }
        }
    }

    /**
     * {@link #followIn} for a room not open here when another node's account holder joined it: opened here if
     * a session of that account is here, off the caller's thread (the bus's), since opening reads the store.
     */
    void followInto(String name, String nick, String identity) {
        if (nicks.sessions(nick).stream().noneMatch(session -> session.identity().equals(identity))) {
            return;
        }
        Thread.ofVirtual().name("follow-" + name).start(() -> {
            Room room = rooms.findOrOpen(name);
            followIn(room, nick, identity);
            rooms.leaveEmpty(room); // nobody came in after all (gone meanwhile): the room must not stay open here
        });
    }

    /** Takes this node's sessions of {@code account} out of {@code room}, which the account left on another node. */
    private void followOut(Room room, Event.Parted parted, long account) {
        List<Session> out = room.leaveFollowing(account, parted);
        if (out.isEmpty()) {
            return;
        }
        presence.accept(new Event.Parted(room.name(), out.getFirst().nick(), parted.reason()));
        Thread.ofVirtual().name("parted-" + room.name()).start(() -> { // off the room's lock, as a part here
            out.forEach(session -> session.left(room));
            rooms.leaveEmpty(room);
        });
    }

    /**
     * Applies the mode change {@code shown} ({@code +o bob}, {@code +b mask}, {@code -k}...) with its argument
     * {@code about}; an event of an older release has none, and only the changes of flags are applied then.
     */
    static void apply(Room room, String shown, String about) {
        int space = shown.indexOf(' ');
        String change = space < 0 ? shown : shown.substring(0, space);
        if (change.length() != 2) {
            return;
        }
        boolean needsArgument = switch (change) {
            case "+o", "-o", "+v", "-v", "+b", "-b", "+k" -> true;
            default -> false;
        };
        if (needsArgument && about.isEmpty()) {
            return;
        }
        RoomModeration.apply(room, change, about, about);
    }
}
