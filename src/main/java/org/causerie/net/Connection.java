package org.causerie.net;

import java.io.IOException;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.chat.Hub;
import org.causerie.command.Dispatcher;
import org.causerie.protocol.Format;

/**
 * One client of the line door over TCP or TLS: a {@link StreamConnection} (the read loop, the outbox,
 * the guest deadline, the close) speaking the {@link LineProtocol}. A connection that has not sent a
 * whole line within the guest timeout is told and closed, on a deadline that trickled bytes do not move.
 */
public final class Connection implements ServerConnection {
    private static final int KEEPALIVE_INTERVAL_SECONDS = 15;
    private static final int KEEPALIVE_PROBES = 4;
    /** This door's name in the audit log. */
    public static final String DOOR = "line";

    private final StreamConnection stream;

    public Connection(Transport transport, Hub hub, Dispatcher dispatcher, Settings limits) {
        this.stream = new StreamConnection(transport, limits,
                link -> new LineProtocol(hub, dispatcher, limits.maxLineBytes(), link, DOOR, false));
    }

    /** The settings a connection needs from the server's configuration. */
    public record Settings(int maxLineBytes, int outboxCapacity, java.time.Duration drainTimeout,
            org.causerie.Limits policy) {}

    /** What a client refused at the door is told, in the text format (it has chosen no other). */
    public static byte[] refusal(Admission.Refusal refused) {
        return Format.TEXT.encode(new Envelope(new Event.Error(null, refused.code(), refused.text())));
    }

    @Override
    public void run() {
        stream.run();
    }

    /** Ends this session from another thread (a server operator, the shutdown): see {@link StreamConnection#end}. */
    @Override
    public void end(String reason, String notice) {
        stream.end(reason, notice);
    }

    /** Closes the socket now: what is queued is lost. Safe from any thread, at any time. */
    @Override
    public void close() {
        stream.close();
    }

    /** {@link #configure(Socket, org.causerie.Limits)} for another door, which sees its transport only. */
    public static void configure(Transport transport, org.causerie.Limits policy) throws IOException {
        configure(transport.tcp(), policy);
    }

    /**
     * Socket options: no Nagle delay (a chat line goes out at once), and keepalive probes that find a
     * peer that vanished without a word (half-open TCP).
     */
    public static void configure(Socket socket, org.causerie.Limits policy) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, (int) policy.keepAliveIdle().toSeconds());
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
        } catch (UnsupportedOperationException e) {
            // not on this platform: the system's keepalive timing applies
        }
    }

    @Override
    public void onEnd(Runnable action) {
        stream.onEnd(action);
    }
}
