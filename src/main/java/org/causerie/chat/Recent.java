package org.causerie.chat;

import java.util.ArrayDeque;
import java.util.List;
import org.causerie.event.Event;

/**
 * A room's last messages, oldest first, replayed to a newcomer (the server's {@code --replay}, 0 for
 * none) and used by a catch-up to join the live stream without a second store read. Not thread-safe:
 * every access happens under the owning {@link Room}'s lock.
 */
final class Recent {
    private final int capacity;
    private final ArrayDeque<Event.Message> messages;

    Recent(int capacity, List<Event.Message> stored) {
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(stored);
    }

    /** Keeps a message just broadcast, forgetting the oldest past the capacity. */
    void keep(Event.Message message) {
        if (capacity > 0) {
            if (messages.size() == capacity) {
                messages.removeFirst();
            }
            messages.addLast(message);
        }
    }

    /**
     * Sends the kept messages to a newcomer of {@code room} as history (but those of people it ignores),
     * and notes where its messages start: the first one replayed, or the next to be broadcast after
     * {@code delivered}. A catch-up of a member reads only what came before that.
     */
    void replayTo(Session session, Room room, long delivered) {
        for (Event.Message message : messages) {
            if (!session.ignoresNick(message.from())) {
                session.send(message.as(Event.Delivery.HISTORY));
            }
        }
        session.floor(room, messages.isEmpty() ? delivered + 1 : messages.getFirst().id());
    }

    /**
     * Whether the messages after {@code covered} (read from the store) up to {@code delivered} are all
     * still kept here, so a catch-up can send them from here.
     */
    boolean reaches(long covered, long delivered) {
        return delivered <= covered || (!messages.isEmpty() && messages.getFirst().id() <= covered + 1);
    }

    /** Sends the kept messages after {@code covered}, as missed. */
    void sendAfter(Session session, long covered) {
        for (Event.Message message : messages) {
            if (message.id() > covered) {
                session.send(message.as(Event.Delivery.MISSED));
            }
        }
    }

    /** Forgets removed messages: one by id, or (id 0) every message shown under {@code from}. */
    void forget(long id, String from) {
        String folded = from == null ? null : Names.fold(from);
        messages.removeIf(m -> id != 0 ? m.id() == id : Names.fold(m.from()).equals(folded));
    }
}
