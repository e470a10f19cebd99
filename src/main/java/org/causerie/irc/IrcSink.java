package org.causerie.irc;

import java.util.concurrent.atomic.AtomicReference;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
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
    /** A JOIN, CHATHISTORY or login hand-over in progress on the reader thread, or null; written under this. */
    private volatile Hold hold;

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
    public boolean greeted() {
        return open;
    }

    @Override
    public boolean toldOfInvitations() {
        return open && client.has(Cap.INVITE_NOTIFY);
    }

    @Override
    public void held() {
        outbox.held();
    }

    @Override
    public void released() {
        outbox.released();
    }

    @Override
    public void send(Envelope envelope) {
        if (!open) {
            return;
        }
        if (envelope.event() instanceof Event.Message m && m.delivery() == Event.Delivery.LIVE) { // a room's fan-out
            IrcCodec current = codec; // one read: whether the client asked for echo-message goes with its codec
            if (current.echo || !client.isMe(m.from()) || envelope.fromAnotherSession(client.session())) {
                queue(envelope, current); // its own message only with echo-message, or from another of its sessions
            }
            return;
        }
        if (!wanted(envelope)) {
            return;
        }
        if (envelope.event() instanceof Event.Joined j && client.isMe(j.nick()) && !joining(j.room())) {
            followed(envelope, j.room()); // another session of the account joined: JOIN, topic, NAMES here too
            return;
        }
        queue(envelope, codec);
        if (envelope.event() instanceof Event.NickChanged n && n.room() != null && client.has(Cap.ACCOUNT_NOTIFY)
                && !client.isMe(n.newNick())) {
            String account = accountAfter(n);
            if (account != null) {
                queue(Verbatim.CARRIER, new Verbatim(IrcLine.bytes(IrcLine.of(
                        Cloak.mask(n.newNick(), !account.equals("*")), "ACCOUNT", account))));
            }
        }
    }

    /**
     * account-notify: a rename to an account's nickname is a login (an account holder cannot rename
     * otherwise), one to a {@code guest-N} name a logout (only the server gives those); null for a guest's
     * rename. A registration that keeps the nickname is told by the IRC door that made it (NickServ).
     */
    private String accountAfter(Event.NickChanged n) {
        if (client.door().account(n.newNick())) {
            return n.newNick();
        }
        return n.newNick().startsWith("guest-") ? "*" : null;
    }

    /** Whether this client's own JOIN of {@code room} runs now (its verb writes the topic and NAMES). */
    private boolean joining(String room) {
        Hold held = hold;
        return held != null && held.room != null && held.room.equalsIgnoreCase(room);
    }

    /**
     * A room another session of this account joined for this one (multiclient): the JOIN, then what the
     * JOIN verb would have written, the topic (332) and NAMES, before the replay that follows. Called
     * under the room's lock, which the reads of its topic and members take again (it is reentrant).
     */
    private void followed(Envelope joined, String name) {
        queue(joined, codec);
        org.causerie.chat.Room room;
        try {
            room = client.hub().room(name);
        } catch (org.causerie.chat.ChatException gone) {
            return;
        }
        var lines = new java.util.ArrayList<String>();
        if (!room.topic().isEmpty()) {
            lines.add(client.numericLine("332", room.name(), room.topic()));
        }
        lines.addAll(ChannelVerbs.namesLines(client, room));
        for (String line : lines) {
            queue(Verbatim.CARRIER, new Verbatim(IrcLine.bytes(line)));
        }
    }

    private void queue(Envelope envelope, org.causerie.protocol.Codec codec) {
        if (hold != null) {
            synchronized (this) {
                if (hold != null && hold.take(envelope, codec)) {
                    return;
                }
                write(envelope, codec); // in order with what release writes
                return;
            }
        }
        write(envelope, codec);
    }

    /** Queues an event, as part of the labelled answer running when it is one (labeled-response). */
    private void write(Envelope envelope, org.causerie.protocol.Codec codec) {
        if (!client.answers(envelope, codec)) {
            outbox.send(envelope, codec);
        }
    }

    /**
     * Holds back what comes from now on, until {@link #release}: with {@code room} null, everything; else
     * everything after this client's own JOIN of {@code room}, so that the replay the hub sends under the
     * room lock comes after the NAMES the verb writes next, and live messages after the replay.
     */
    synchronized void hold(String room) {
        hold = new Hold(room, id -> true);
    }

    /** Holds everything from now on; of the replayed messages, keeps only those whose id {@code keep} accepts. */
    synchronized void hold(java.util.function.LongPredicate keep) {
        hold = new Hold(null, keep);
    }

    /**
     * Writes what was held: the replayed or missed messages as {@code chathistory} batches (one per
     * target; {@code answered}'s even when empty, for CHATHISTORY), then the rest in the order it came.
     * Must be called by whoever called {@link #hold}, in a {@code finally}.
     */
    synchronized void release(String answered) {
        Hold held = hold;
        hold = null;
        if (held == null) {
            return;
        }
        Replay.write(client, codec, held.history, answered);
        for (int i = 0; i < held.after.size(); i += 2) {
            outbox.send((Envelope) held.after.get(i), (org.causerie.protocol.Codec) held.after.get(i + 1));
        }
    }

    /** What a hold kept; the sink's monitor guards it. */
    private final class Hold {
        private final String room;
        private final java.util.function.LongPredicate keep;
        private boolean holding;
        final java.util.List<Event> history = new java.util.ArrayList<>();
        /** Envelope, codec, envelope, codec…, in the order they came. */
        final java.util.List<Object> after = new java.util.ArrayList<>();

        Hold(String room, java.util.function.LongPredicate keep) {
            this.room = room;
            this.keep = keep;
            this.holding = room == null;
        }

        /** False to let the event through now; true when it is held (or, the own JOIN, written). */
        boolean take(Envelope envelope, org.causerie.protocol.Codec with) {
            Event event = envelope.event();
            if (!holding) {
                if (event instanceof Event.Joined j && j.room().equalsIgnoreCase(room) && client.isMe(j.nick())) {
                    write(envelope, with);
                    holding = true;
                    return true;
                }
                return false;
            }
            if (Replay.replayed(event)) {
                long id = switch (event) {
                    case Event.Message m -> m.id();
                    case Event.Private p -> p.id();
                    default -> -1; // a gap: always told
                };
                if (id < 0 || keep.test(id)) {
                    history.add(event);
                }
            } else {
                after.add(envelope);
                after.add(with);
            }
            return true;
        }
    }

    /**
     * Whether an event other than a live room message (see {@link #send}) reaches this client: its own
     * private messages come back only if it asked for echo-message, those another session of its
     * account sent (same nickname) always come, as the account receives them.
     */
    private boolean wanted(Envelope envelope) {
        Event event = envelope.event();
        switch (event) {
            case Event.Private p when p.delivery() == Event.Delivery.LIVE -> {
                return codec.echo || !client.isMe(p.from()) || client.isMe(p.to())
                        || envelope.fromAnotherSession(client.session());
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
