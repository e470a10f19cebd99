package org.causerie.net;

import java.net.InetAddress;

/**
 * What a door's {@link Protocol} may ask of the connection that drives it, whichever it is (a
 * {@link StreamConnection} over TCP or TLS, a {@link MessageConnection} under a WebSocket): its outbox,
 * the client's address, and the end of the session.
 */
public interface Link {
    Outbox outbox();

    /** The client's address as the server counts it (a trusted proxy's header already applied). */
    InetAddress address();

    /** Whether the session must end (its reason is set). */
    boolean quitting();

    /** Ends the session after the line being run (/quit, QUIT). */
    void quit(String reason);
}
