package org.causerie.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import org.causerie.chat.ChatException;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
import org.causerie.command.Context;
import org.causerie.command.Dispatcher;
import org.causerie.command.Peer;
import org.causerie.protocol.Format;

/**
 * The line protocol's part of a connection, whichever carries it: one UTF-8 line per command through the
 * {@link Dispatcher}. The TCP door ({@link Connection}) and the WebSocket door ({@link MessageConnection})
 * both run their lines through it; the driver owns the read loop, the outbox and the close.
 *
 * <p>First contact: the welcome goes out at once; the session is seated in the lobby only after its
 * first whole line, which runs before the seat (so a first {@code /format json} or {@code /nick} applies
 * to the join and the replay), unless it is a message, which is meant for the lobby and is said once
 * seated.
 */
final class LineProtocol implements Protocol, Peer {
    private static final Reasons REASONS = new Reasons("connection closed", "connection closed by peer",
            "server stopping", "server error", "flooding", "too slow: send queue full");

    private final Hub hub;
    private final Dispatcher dispatcher;
    private final int maxLineBytes;
    private final Link link;
    private final String door;
    /** A WebSocket session speaks JSON only: the page and every browser client read objects. */
    private final boolean jsonOnly;
    private Session session;
    private Context context;
    /** Whether a whole line has come: the end of the guest timeout. Written by the line's thread only. */
    private volatile boolean spoke;

    LineProtocol(Hub hub, Dispatcher dispatcher, int maxLineBytes, Link link, String door, boolean jsonOnly) {
        this.hub = hub;
        this.dispatcher = dispatcher;
        this.maxLineBytes = maxLineBytes;
        this.link = link;
        this.door = door;
        this.jsonOnly = jsonOnly;
    }

    @Override
    public String door() {
        return door;
    }

    @Override
    public String threadPrefix() {
        return "conn";
    }

    @Override
    public int maxLineBytes() {
        return maxLineBytes;
    }

    @Override
    public Session enter(Link link) {
        session = hub.connect(link.outbox(), link.address());
        context = new Context(session, hub, this, dispatcher.commands(), null);
        return session;
    }

    Session session() {
        return session;
    }

    Context context() {
        return context;
    }

    @Override
    public void banned(ChatException ban) {
        link.outbox().send(new Envelope(new Event.Error(null, ban.code(), ban.getMessage())));
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
            dispatcher.handleFirst(context, line, link::quitting);
        }
        return null;
    }

    @Override
    public void refused(ChatException refusal) {
        session.send(new Event.Error(null, refusal.code(), refusal.getMessage()));
    }

    @Override
    public void notice(String text) {
        link.outbox().send(new Envelope(new Event.Notice(text)));
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

    @Override
    public void format(Format format) {
        if (jsonOnly && format != Format.JSON) {
            throw new ChatException("json-only", "a " + door + " session speaks JSON only");
        }
        link.outbox().codec(format);
    }

    @Override
    public void quit(String reason) {
        link.quit(reason);
    }

    @Override
    public InetAddress address() {
        return link.address();
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
