package org.causerie.chat;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.causerie.bus.Bus;
import org.causerie.bus.Note;
import org.causerie.store.Entry;

/**
 * Between the journal and the bus, both ways. What the journal committed becomes one {@link Note} per
 * message (never one per recipient) and is published; what the bus brings, from this node or another,
 * is delivered to this node's sessions: a room message by its room, in id order ({@link Room#accept},
 * with {@link Repair} filling holes from the store), a private message by {@link Privates}.
 */
final class Relay implements Journal.Outcome, Consumer<Note> {
    private final Bus bus;
    private final Rooms rooms;
    private final Privates privates;
    private final Repair repair;

    Relay(Bus bus, Rooms rooms, Privates privates, Repair repair) {
        this.bus = bus;
        this.rooms = rooms;
        this.privates = privates;
        this.repair = repair;
    }

    @Override
    public void committed(List<Entry> entries, Session from, String to) {
        Entry.PrivateMessage pending = null;
        boolean queued = false;
        for (Entry entry : entries) {
            switch (entry) {
                case Entry.RoomMessage m -> bus.publish(new Note(Note.VERSION, bus.node(), Note.Kind.MESSAGE, m.room(),
                        m.id(), m.ts().toEpochMilli(), m.from(), from.identity(), "", m.text(), m.action(), ""));
                case Entry.PrivateMessage m -> pending = m;
                case Entry.Offline o -> queued = true;
            }
        }
        if (pending != null) {
            bus.publish(Privates.note(bus.node(), pending, queued, from.identity(), to));
            if (queued) {
                from.send(new Event.Reply("msg", pending.to() + " is not connected: the message is stored and will be"
                        + " delivered at their next login"));
            }
        }
    }

    @Override
    public void failed(List<Entry> entries, Session from) {
        boolean room = entries.getFirst() instanceof Entry.RoomMessage;
        from.send(new Event.Error(room ? null : "msg", "store-failed",
                "the server could not store your message; it was not sent"));
    }

    /** A note from the bus: this node's own, at publish, or another node's. */
    @Override
    public void accept(Note note) {
        switch (note.kind()) {
            case MESSAGE -> {
                Room room = rooms.find(note.room());
                if (room != null) { // no room open here: no member here to deliver to
                    var message = new Event.Message(note.id(), Instant.ofEpochMilli(note.ts()), room.name(), note.nick(),
                            note.text(), note.flag());
                    if (room.accept(message, note.identity())) {
                        repair.start(room);
                    }
                }
            }
            case PRIVATE -> privates.receive(note);
            default -> { } // room events other than messages do not cross nodes yet (see docs/cluster.md)
        }
    }
}
