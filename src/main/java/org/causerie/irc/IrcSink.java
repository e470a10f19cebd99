package org.causerie.irc;

import java.util.concurrent.atomic.AtomicReference;
import org.causerie.chat.Envelope;
import org.causerie.chat.Event;
import org.causerie.chat.Sink;
import org.causerie.net.Outbox;

/**
 * Where the hub's events for one IRC client go: into its outbox with the codec of its capabilities at
 * that moment. Called under room locks, so it only decides and queues. It drops what an IRC client
 * must not see: anything before its registration is complete (the nick changes of registration), its
 * own messages unless it asked for echo-message, and the copies of one nick change or quit that the
 * hub sends once per shared room (IRC says it once).
 */
final class IrcSink implements Sink {
    private final Outbox outbox;
    private final IrcClient client;
    /** Set once registration is complete; never unset. */
    private volatile boolean open;
    private volatile IrcCodec codec;
    private final AtomicReference<Event.NickChanged> lastNick = new AtomicReference<>();
    private final AtomicReference<Event.Quit> lastQuit = new AtomicReference<>();

    IrcSink(Outbox outbox, IrcClient client) {
        this.outbox = outbox;
        this.client = client;
    }

    void open() {
        open = true;
    }

    /** The codec of everything queued from now on. */
    void codec(IrcCodec codec) {
        this.codec = codec;
    }

    @Override
    public void send(Envelope envelope) {
        if (!open || !wanted(envelope.event())) {
            return;
        }
        outbox.send(envelope, codec);
    }

    private boolean wanted(Event event) {
        switch (event) {
            case Event.Message m when m.delivery() == Event.Delivery.LIVE -> {
                return client.echo() || !client.isMe(m.from());
            }
            case Event.Private p when p.delivery() == Event.Delivery.LIVE -> {
                return client.echo() || !client.isMe(p.from()) || client.isMe(p.to());
            }
            case Event.NickChanged n -> {
                Event.NickChanged last = lastNick.getAndSet(n);
                return n.room() == null || last == null || !(last.nick().equals(n.nick()) && last.newNick().equals(n.newNick()));
            }
            case Event.Quit q -> {
                Event.Quit last = lastQuit.getAndSet(q);
                return last == null || !(last.nick().equals(q.nick()) && java.util.Objects.equals(last.reason(), q.reason()));
            }
            case Event.TopicChanged t when t.nick() == null -> {
                return false; // the topic told on join: the door's JOIN answer already carries it as 332
            }
            case Event.Joined j -> {
                forget(j.nick()); // whoever comes next under that name is someone new
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private void forget(String nick) {
        lastQuit.updateAndGet(q -> q != null && q.nick().equals(nick) ? null : q);
        lastNick.updateAndGet(n -> n != null && n.newNick().equals(nick) ? null : n);
    }

    @Override
    public void end(String reason) {
        client.connection().end(reason, reason);
    }
}
