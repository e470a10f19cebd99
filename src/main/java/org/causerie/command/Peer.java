package org.causerie.command;

import java.net.InetAddress;
import org.causerie.protocol.Format;

/** What a command may ask of the connection behind a session, without seeing the socket. */
public interface Peer {
    /** Switches the output format for every event queued from now on. */
    void format(Format format);

    /** Ends the session once what is queued has been written; {@code reason} is told to the rooms. */
    void quit(String reason);

    /** The client's address, as the server counts it (attempt limits, the audit log). */
    InetAddress address();
}
