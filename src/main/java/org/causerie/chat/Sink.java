package org.causerie.chat;

import org.causerie.event.Envelope;

/**
 * Where a session's events go: in the server, the connection's bounded outbox. {@link #send} is
 * called while room locks are held, so it must never block or do I/O: it queues, or, when the queue
 * is full, gives up on the client and arranges for it to be disconnected.
 */
public interface Sink {
    void send(Envelope envelope);

    /**
     * Whether the door has greeted its client, so that the hub may seat it in rooms on its own (the rooms
     * of its account's other sessions, at login): an IRC client not yet registered has not.
     */
    default boolean greeted() {
        return true;
    }

    /**
     * Whether this client is shown the invitations made in its rooms (an {@link Event.Invited} naming another
     * user): an IRC client that asked for invite-notify. Must not block; called under a room lock.
     */
    default boolean toldOfInvitations() {
        return false;
    }

    /**
     * Ends the session from outside (a server operator): the client is told {@code reason}, reads no
     * more, and is disconnected once what is queued is written. Must not block.
     */
    default void end(String reason) {}

    /**
     * One of this session's messages entered the journal: its echo will be queued after the commit, by
     * the committer. Counted by the outbox against the session's own reader (see the line door's
     * {@code Outbox.awaitSpace}); every call is matched by one {@link #released}, whatever the commit's
     * outcome. Must not block; called on the sender's thread, maybe under a room lock.
     */
    default void held() {}

    /** That message left the journal: its echo queued, its failure told, or nothing to queue. Must not block. */
    default void released() {}
}
