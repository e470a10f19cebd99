package org.causerie.chat;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.causerie.bus.Bus;
import org.causerie.bus.Note;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.event.Origin;
import org.causerie.store.Entry;

/**
 * Between the journal and the bus, both ways. What the journal committed becomes one {@link Note} per
 * message (never one per recipient) and is published; what the bus brings, from this node or another,
 * is delivered to this node's sessions: a room message by its room, in id order ({@link Room#accept} on one node, {@link RoomOrder} in a cluster,
 * with {@link Repair} filling holes from the store), a private message by {@link Privates}.
 */
final class Relay implements Journal.Outcome, Consumer<Note> {
    /**
     * The message being delivered on this thread and who sent it: bound around the delivery of one committed
     * or received message, so that each envelope made for it ({@link #envelope}) knows its sender's session.
     */
    private static final ScopedValue<Cause> CAUSE = ScopedValue.newInstance();

    /**
     * Who sent message {@code id} of {@code key} (a room's folded name, or {@code ~} and the folded sender
     * for a private message): a session of this node, or {@link Origin#ELSEWHERE}.
     */
    private record Cause(Origin origin, String key, long id) {
        boolean of(Event event) {
            return switch (event) {
                case Event.Message m -> m.id() == id && Names.fold(m.room()).equals(key);
                case Event.Private p -> p.id() == id && key.equals("~" + Names.fold(p.from()));
                default -> false;
            };
        }
    }

    /** An envelope for {@code event}, which knows its sender when it is the message being delivered here. */
    static Envelope envelope(Event event) {
        Cause bound = CAUSE.isBound() ? CAUSE.get() : null;
        return new Envelope(event, bound != null && bound.of(event) ? bound.origin() : null);
    }

    private final Bus bus;
    private final Rooms rooms;
    private final Privates privates;
    private final Repair repair;
    /** Orders to other nodes waiting to be published by {@link #publishShared}; unbounded, as they are few. */
    private final java.util.concurrent.LinkedBlockingQueue<Note> outgoing = new java.util.concurrent.LinkedBlockingQueue<>();

    /** The thread of {@link #publishShared}, null on a local bus. */
    private final Thread sharing;

    private final Nicks nicks;
    /** Where moderation orders from other nodes go (kicks, mode changes, closes); set once by the hub. */
    private volatile Consumer<Note> orders = note -> { };
    /**
     * Where another node's account holder's join of a room not open here goes, for this node's sessions of
     * that account to follow it in ({@link RoomEffects#followInto}); set once by the hub.
     */
    private volatile Consumer<Note> followers = note -> { };

    Relay(Bus bus, Rooms rooms, Privates privates, Repair repair, Nicks nicks) {
        this.nicks = nicks;
        this.bus = bus;
        this.rooms = rooms;
        this.privates = privates;
        this.repair = repair;
        this.sharing = bus.shared() ? Thread.ofVirtual().name("bus-share").start(this::publishShared) : null;
    }

    /** Sets where moderation orders from the bus go ({@link Moderation#receive}). */
    void orders(Consumer<Note> orders) {
        this.orders = orders;
    }

    /** Sets where another node's account holder's join of a room not open here goes. */
    void followers(Consumer<Note> followers) {
        this.followers = followers;
    }

    /** Stops publishing room events; what is still queued is dropped (the node is stopping). */
    void stop() {
        if (sharing != null) {
            sharing.interrupt();
        }
    }

    @Override
    public void committed(List<Entry> entries, Session from, String to, boolean away) {
        Entry.PrivateMessage pending = null;
        boolean queued = false;
        for (Entry entry : entries) {
            switch (entry) {
                case Entry.RoomMessage m -> {
                    var note = new Note(Note.VERSION, bus.node(), Note.Kind.MESSAGE, m.room(), m.id(),
                            m.ts().toEpochMilli(), m.from(), from.identity(), "", m.text(), m.action(), "", m.seq());
                    // this node's members get it inside the publish: their envelopes learn whose session sent it
                    ScopedValue.where(CAUSE, new Cause(from, Names.fold(m.room()), m.id()))
                            .run(() -> bus.publish(note));
                }
                case Entry.RoomEvent e -> placed(e);
                case Entry.PrivateMessage m -> pending = m;
                case Entry.Offline o -> queued = true;
            }
        }
        if (pending != null) {
            var note = Privates.note(bus.node(), pending, queued, from.identity(), to);
            ScopedValue.where(CAUSE, new Cause(from, "~" + Names.fold(pending.from()), pending.id()))
                    .run(() -> bus.publish(note));
            if (away) { // said also when the recipient ignores the sender (and nothing is queued): it does not tell
                from.send(new Event.Reply("msg", pending.to() + " is not connected: the message is stored and will be"
                        + " delivered at their next login"));
            }
        }
    }

    /**
     * A room event of this node's member, given its place: shown here in that place, then published (a
     * room that closed here meanwhile has no one to show it to; the other nodes still get it).
     */
    private void placed(Entry.RoomEvent entry) {
        Note note = RoomNotes.note(entry);
        Room room = rooms.find(entry.room());
        Event event = room == null ? null : RoomNotes.event(note, room.name());
        if (event != null && room.order().accept(entry.seq(), event, entry.about(), false)) {
            repair.start(room);
        }
        try {
            bus.publish(note);
        } catch (RuntimeException e) { // a bus that is down: the other nodes repair it from the store
            org.slf4j.LoggerFactory.getLogger(Relay.class).warn("bus_publish_failed kind={} room={}", note.kind(),
                    note.room(), e);
        }
    }

    @Override
    public void failed(List<Entry> entries, Session from) {
        if (entries.getFirst() instanceof Entry.RoomEvent e) { // the store is down: shown here only, as on one node
            Room room = rooms.find(e.room());
            Event event = room == null ? null : RoomNotes.event(RoomNotes.note(e), room.name());
            if (event != null) {
                room.order().unplaced(event);
            }
            return;
        }
        boolean room = entries.getFirst() instanceof Entry.RoomMessage;
        from.send(new Event.Error(room ? null : "msg", "store-failed",
                "the server could not store your message; it was not sent"));
    }

    /** A note from the bus: this node's own, at publish, or another node's. */
    @Override
    public void accept(Note note) {
        if (!note.origin().equals(bus.node()) && (note.kind() == Note.Kind.MESSAGE || note.kind() == Note.Kind.PRIVATE)) {
            // from another node: no session here sent it, whatever its nickname (a session of the same account)
            String key = note.kind() == Note.Kind.MESSAGE ? Names.fold(note.room()) : "~" + Names.fold(note.nick());
            ScopedValue.where(CAUSE, new Cause(Origin.ELSEWHERE, key, note.id())).run(() -> take(note));
            return;
        }
        take(note);
    }

    private void take(Note note) {
        switch (note.kind()) {
            case MESSAGE -> {
                Room room = rooms.find(note.room());
                if (room != null) { // no room open here: no member here to deliver to
                    var message = new Event.Message(note.id(), Instant.ofEpochMilli(note.ts()), room.name(), note.nick(),
                            note.text(), note.flag());
                    if (!bus.shared()) {
                        room.accept(message, note.identity());
                    } else if (note.seq() == 0) { // a version 1 node's: it has no place; the store will not either
                        org.slf4j.LoggerFactory.getLogger(Relay.class).warn("note_without_place origin={} room={}",
                                note.origin(), note.room());
                    } else if (room.order().accept(note.seq(), message, note.identity(), false)) {
                        repair.start(room);
                    }
                }
            }
            case PRIVATE -> privates.receive(note);
            case GONE -> { // a user of a node that died: its rooms here are told it quit
                if (note.room().isEmpty()) { // an older release's note: the rooms that saw it join
                    for (Room room : rooms.list()) {
                        room.order().lost(note.target(), "node " + note.extra() + " lost", false);
                    }
                } else {
                    Room room = rooms.find(note.room());
                    if (room != null) {
                        room.order().lost(note.target(), note.text(), true);
                    }
                }
            }
            case KICK, MODES, CLOSE -> {
                if (!note.origin().equals(bus.node()) && !placed(note)) { // done here when it was ordered
                    orders.accept(note);
                }
            }
            case KILL -> { // a server operator on another node disconnects a user of this one
                if (note.extra().equals(bus.node())) {
                    for (Session session : nicks.sessions(note.target())) {
                        if (session.identity().equals(note.identity())) {
                            session.end(note.text());
                        }
                    }
                }
            }
            default -> {
                if (note.origin().equals(bus.node())) {
                    return; // shown to this node's members in its place, by placed(), before it was published
                }
                Room room = rooms.find(note.room());
                if (room == null) {
                    if (note.kind() == Note.Kind.INVITED) {
                        orders.accept(note); // the room is not open here, but the invited user may be connected here
                    } else if (note.kind() == Note.Kind.JOINED && RoomEffects.isAccount(note.extra())) {
                        followers.accept(note); // the account's sessions here follow it in
                    }
                    return;
                }
                Event event = RoomNotes.event(note, room.name());
                if (event == null) {
                    return;
                }
                if (note.seq() == 0) {
                    room.order().show(event); // a version 1 node's event, which has no place: shown when it comes
                } else if (room.order().accept(note.seq(), event, note.extra(), true)) {
                    repair.start(room);
                }
            }
        }
    }

    /**
     * Whether a moderation order from another node is carried out here from its room event instead: a kick and
     * a change of modes have places since {@link Note#PLACED_MODERATION}, an invitation ({@code MODES +I}) and a
     * close since {@link Note#PLACED_INVITATIONS}; an older sender's orders are carried out as they come.
     */
    static boolean placed(Note note) {
        return switch (note.kind()) {
            case KICK -> note.version() >= Note.PLACED_MODERATION;
            case MODES -> note.version() >= (note.text().equals("+I") ? Note.PLACED_INVITATIONS : Note.PLACED_MODERATION);
            case CLOSE -> note.version() >= Note.PLACED_INVITATIONS;
            default -> false;
        };
    }

    /**
     * Hands a room event a member of this node caused to the journal, which gives it its place in the
     * room's sequence; {@link #committed} then shows and publishes it. Called under the room's lock, so it
     * only queues.
     */
    void share(Event event) {
        share(event, "");
    }

    /**
     * {@link #share} of an event that does something on every node besides being shown: {@code about} is
     * what carries it out there ({@link RoomEffects}), stored and published with it.
     */
    void share(Event event, String about) {
        Entry.RoomEvent entry = RoomNotes.entry(bus.node(), event, about);
        if (entry != null) {
            rooms.journal().submitEvent(entry);
        }
    }

    /**
     * Tells {@code member}'s room that it quit, a user of a node that died (or of this node's earlier life):
     * a room event with its place, caused by this node, which every node shows in that place (a node that
     * missed it on the bus reads it back) unless a member of its own holds that name.
     */
    void gone(org.causerie.store.Claims.Member member, String reason) {
        share(new Event.Quit(member.room(), member.nick(), reason), member.node());
    }

    /** Publishes a note (an order to another node) off the caller's locks, in the order queued. */
    void send(Note note) {
        if (sharing != null) {
            outgoing.add(note);
        }
    }

    /** Publishes what {@link #send} queued, until interrupted; runs only on a shared bus. */
    private void publishShared() {
        while (true) {
            Note note;
            try {
                note = outgoing.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                bus.publish(note);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Relay.class).warn("bus_share_failed kind={} room={}", note.kind(),
                        note.room(), e);
            }
        }
    }
}
