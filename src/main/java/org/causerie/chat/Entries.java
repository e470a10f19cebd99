package org.causerie.chat;

import java.util.List;
import org.causerie.event.Event;
import org.causerie.store.Entry;

/**
 * The one place where stored rows become events: doors and commands see only {@link Event}s, never
 * {@code store.Entry} (ArchitectureTest: doors import no store).
 */
public final class Entries {
    private Entries() {}

    /** A stored room message as its room's members receive it, live. */
    static Event.Message message(String room, Entry.RoomMessage m) {
        return new Event.Message(m.id(), m.ts(), room, m.from(), m.text(), m.action());
    }

    /** A stored private message, as it is handed over: read from history, or missed while away. */
    static Event.Private message(Entry.PrivateMessage p, Event.Delivery delivery) {
        return new Event.Private(p.id(), p.ts(), p.from(), p.to(), p.text(), delivery, p.conversation());
    }

    /** The private messages that came while an account was away, as a login hands them over. */
    static List<Event.Private> missed(List<Entry.PrivateMessage> stored) {
        return stored.stream().map(p -> message(p, Event.Delivery.MISSED)).toList();
    }
}
