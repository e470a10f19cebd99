package org.causerie.net;

/**
 * What a {@link Listener} runs for each accepted socket, whatever door it belongs to (the line
 * protocol's {@link Connection}, an IRC connection): it runs on its own virtual thread, and may be
 * ended or closed from another thread when the server stops.
 */
public interface ServerConnection extends Runnable {
    /** Ends the session from outside: the client is told {@code notice}, and what is queued is written. */
    void end(String reason, String notice);

    /** Closes the socket now, from any thread, at any time. */
    void close();
}
