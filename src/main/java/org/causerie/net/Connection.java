package org.causerie.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.causerie.chat.ChatException;
import org.causerie.chat.Envelope;
import org.causerie.chat.Event;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
import org.causerie.command.Context;
import org.causerie.command.Dispatcher;
import org.causerie.command.Peer;
import org.causerie.protocol.Format;

/**
 * The line door's part of a {@link StreamConnection}: one UTF-8 line per command through the
 * {@link Dispatcher}. The stream owns the read loop, the outbox, the guest deadline and the close.
 *
 * <p>First contact: the welcome goes out at once; the session is seated in the lobby only after its
 * first whole line, which runs before the seat (so a first {@code /format json} or {@code /nick} applies
 * to the join and the replay), unless it is a message, which is meant for the lobby and is said once
 * seated. A connection that has not sent a whole line within the guest timeout is told and closed, on a
 * deadline that trickled bytes do not move.
 */
public final class Connection implements ServerConnection, Peer, Protocol {
    private static final int KEEPALIVE_INTERVAL_SECONDS = 15;
    private static final int KEEPALIVE_PROBES = 4;
    /** This door's name in the audit log. */
    public static final String DOOR = "line";
    private static final Reasons REASONS = new Reasons("connection closed", "connection closed by peer",
            "server stopping", "server error", "flooding", "too slow: send queue full");

    private final StreamConnection stream;
    private final Hub hub;
    private final Dispatcher dispatcher;
    private final Settings limits;
    private Session session;
    private Context context;
    /** Whether a whole line has come: the end of the guest timeout. Written by the reader only. */
    private volatile boolean spoke;

    public Connection(Transport transport, Hub hub, Dispatcher dispatcher, Settings limits) {
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.stream = new StreamConnection(transport, limits, self -> this);
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

    @Override
    public String door() {
        return DOOR;
    }

    @Override
    public String threadPrefix() {
        return "conn";
    }

    @Override
    public int maxLineBytes() {
        return limits.maxLineBytes();
    }

    @Override
    public Session enter(StreamConnection stream) {
        session = hub.connect(stream.outbox(), stream.address());
        context = new Context(session, hub, this, dispatcher.commands(), null);
        return session;
    }

    @Override
    public void banned(ChatException ban) {
        stream.outbox().send(new Envelope(new Event.Error(null, ban.code(), ban.getMessage())));
    }

    @Override
    public boolean contacted() {
        return spoke;
    }

    @Override
    public String guestReason(Duration timeout) {
        return "no line for " + timeout.toSeconds() + " s";
    }

    @Override
    public String guestNotice(Duration timeout) {
        return "closing: nothing was sent for " + timeout.toSeconds() + " s after connecting";
    }

    /**
     * A client whose first byte opens a TLS handshake (a ClientHello record starts with 0x16) is a TLS
     * client on the plain port, which is better told than fed {@code bad-character} errors.
     */
    @Override
    public String tlsOnPlainPort(Session session) {
        session.send(new Event.Error(null, "tls-on-plain-port",
                "this port speaks plain text, not TLS: connect to the server's TLS port"));
        return "TLS on the plain port";
    }

    @Override
    public String line(String line) {
        if (spoke) {
            dispatcher.handle(context, line);
        } else {
            spoke = true;
            dispatcher.handleFirst(context, line, stream::quitting);
        }
        return null;
    }

    @Override
    public void refused(ChatException refusal) {
        session.send(new Event.Error(null, refusal.code(), refusal.getMessage()));
    }

    @Override
    public void notice(String text) {
        stream.outbox().send(new Envelope(new Event.Notice(text)));
    }

    @Override
    public void left(Session session, String reason) {
        if (session != null) {
            hub.disconnect(session, reason);
        }
    }

    @Override
    public Reasons reasons() {
        return REASONS;
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

    /** Ends this session from another thread (a server operator, the shutdown): see {@link StreamConnection#end}. */
    @Override
    public void end(String reason, String notice) {
        stream.end(reason, notice);
    }

    @Override
    public void format(Format format) {
        stream.outbox().codec(format);
    }

    @Override
    public void quit(String reason) {
        stream.quit(reason);
    }

    @Override
    public java.net.InetAddress address() {
        return stream.address();
    }

    /** Closes the socket now: what is queued is lost. Safe from any thread, at any time. */
    @Override
    public void close() {
        stream.close();
    }

    @Override
    public String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (message.contains("reset")) {
            return "connection reset";
        }
        if (e instanceof SocketException && message.contains("closed")) {
            return "connection closed";
        }
        return "connection error: " + (message.isEmpty() ? e.getClass().getSimpleName() : message);
    }
}
