package org.causerie.net;

/**
 * What a {@link Listener} runs for each accepted socket, whatever door it belongs to (the line
 * protocol's {@link Connection}, an IRC connection): {@link #run} starts it on a virtual thread of the
 * listener's, and may return before the connection ends (a connection on readiness lets its thread go
 * while it has nothing to read); {@link #onEnd} says when it has ended. It may be ended or closed from
 * another thread when the server stops.
 */
public interface ServerConnection extends Runnable {
    /** Ends the session from outside: the client is told {@code notice}, and what is queued is written. */
    void end(String reason, String notice);

    /** Closes the socket now, from any thread, at any time. */
    void close();

    /** Runs {@code action} once, when the connection has ended and released everything; set before {@link #run}. */
    void onEnd(Runnable action);
}
