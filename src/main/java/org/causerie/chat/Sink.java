package org.causerie.chat;

/**
 * Where a session's events go: in the server, the connection's bounded outbox. {@link #send} is
 * called while room locks are held, so it must never block or do I/O: it queues, or, when the queue
 * is full, gives up on the client and arranges for it to be disconnected.
 */
public interface Sink {
    void send(Envelope envelope);
}
