package org.causerie.store;

import java.time.Instant;

/** What {@link Store#append} writes: messages, and the marks that queue a private message for later. */
public sealed interface Entry {

    /** A room message; {@code id} increases by one within the room (folded name as key). */
    record RoomMessage(String room, long id, Instant ts, String from, String text, boolean action) implements Entry {}

    /**
     * A private message; {@code conversation} is {@link Store#conversation} of the two nicknames and
     * {@code id} increases by one within it.
     */
    record PrivateMessage(String conversation, long id, Instant ts, String from, String to, String text)
            implements Entry {}

    /** Queues private message {@code id} of {@code conversation} for {@code accountId}'s next login. */
    record Offline(long accountId, String conversation, long id) implements Entry {}
}
