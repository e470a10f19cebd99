package org.causerie.irc;

import java.util.ArrayList;
import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.chat.Hub;
import org.causerie.chat.Names;
import org.causerie.chat.Session;
import org.causerie.net.Outbox;

/**
 * One IRC client's state and its way of answering. Its connection's reader thread runs every verb and
 * is the only writer of these fields; the writer thread and other sessions' threads read the volatile
 * ones (capabilities, away message, real name) and queue to its sink.
 */
final class IrcClient {
    private final IrcDoor door;
    private final IrcConnection connection;
    private final Outbox outbox;
    private final IrcSink sink;
    private Session session;

    private volatile int caps;
    private volatile boolean registered;
    private volatile String away;
    private volatile String realName = "";
    private volatile String userName = "";
    /**
     * labeled-response: the answer of the labelled command running, or null; set and cleared by the reader
     * thread, read by the journal's when it delivers that command's echo (see {@link #answers}).
     */
    private volatile Labels label;
    private volatile Thread labelling;
    /** The labelled command running is a PRIVMSG or NOTICE whose echo answers it (echo-message). */
    private volatile boolean echoAnswers;
    /** Batches opened so far; a batch is opened under the sink's monitor. */
    private long batches;
    /** CAP LS or REQ was sent before registration: registration waits for CAP END. */
    boolean negotiating;
    /** The nickname asked for by NICK before registration, or null. */
    String wantedNick;
    boolean userGiven;
    /** What PASS gave, checked when registration completes; null if none came. */
    String pass;
    /** Private messages that came while the account was away, handed over by a login before the welcome. */
    final List<org.causerie.event.Event.Private> missed = new ArrayList<>();
    /** The SASL exchange in progress, or null. */
    Sasl sasl;

    IrcClient(IrcDoor door, IrcConnection connection, Outbox outbox) {
        this.door = door;
        this.connection = connection;
        this.outbox = outbox;
        this.sink = new IrcSink(outbox, this);
    }

    /** Called once, when the hub has made the session; the codec is set before any event can come. */
    void attach(Session session) {
        this.session = session;
        sink.codec(codec());
    }

    IrcSink sink() {
        return sink;
    }

    IrcDoor door() {
        return door;
    }

    Hub hub() {
        return door.hub;
    }

    Session session() {
        return session;
    }

    IrcConnection connection() {
        return connection;
    }

    int caps() {
        return caps;
    }

    boolean has(Cap cap) {
        return cap.in(caps);
    }

    boolean echo() {
        return Cap.ECHO_MESSAGE.in(caps);
    }

    /** Changes the capabilities; what is queued from now on is written with the new ones. */
    void caps(int caps) {
        this.caps = caps;
        if (session != null) {
            sink.codec(codec());
        }
    }

    private IrcCodec codec() {
        return new IrcCodec(caps, door.server, this::me, door);
    }

    boolean registered() {
        return registered;
    }

    void registered(boolean registered) {
        this.registered = registered;
        if (registered) {
            sink.open();
        }
    }

    String away() {
        return away;
    }

    void away(String away) {
        this.away = away;
    }

    String realName() {
        return realName;
    }

    String userName() {
        return userName;
    }

    void user(String userName, String realName) {
        this.userName = userName;
        this.realName = realName;
    }

    /** The nickname replies name: the session's once registered, "*" before (RFC 2812). */
    String me() {
        return registered ? session.nick() : wantedNick != null ? wantedNick : "*";
    }

    boolean isMe(String nick) {
        return Names.same(nick, session.nick());
    }

    /** {@code nick!user@host} of this client, as others see it. */
    String mask() {
        return Cloak.mask(session.nick(), session.account() != null);
    }

    /** A numeric reply: {@code :server CODE me params…}, the last parameter written as text. */
    void numeric(String code, String... params) {
        line(numericLine(code, params));
    }

    /** The line of {@link #numeric}, not sent. */
    String numericLine(String code, String... params) {
        var all = new ArrayList<String>(params.length + 1);
        all.add(me());
        all.addAll(List.of(params));
        return IrcLine.of(null, door.server, code, all, true);
    }

    /** A numeric whose last parameter is a word, written without {@code :} (324's modes). */
    void numericWords(String code, String... params) {
        var all = new ArrayList<String>(params.length + 1);
        all.add(me());
        all.addAll(List.of(params));
        line(IrcLine.of(null, door.server, code, all, false));
    }

    /** An event with the codec given, in its place among the events queued to this client. */
    void send(org.causerie.event.Envelope envelope, org.causerie.protocol.Codec codec) {
        outbox.send(envelope, codec);
    }

    /** A batch reference, unique on this connection. */
    String nextBatch() {
        return Long.toString(++batches, 36);
    }

    /** Hands over the private messages that came while the account was away: batched when asked for. */
    void handOver(List<org.causerie.event.Event.Private> missed) {
        sink.hold(id -> true);
        try {
            for (var p : missed) {
                session.send(p);
            }
        } finally {
            sink.release(null);
        }
    }

    /** A line from the server to this client alone, in its place among the events queued to it. */
    void line(String line) {
        Labels answering = label;
        if (answering != null && Thread.currentThread() == labelling) {
            labelled(answering, line);
            return;
        }
        outbox.send(Verbatim.CARRIER, new Verbatim(IrcLine.bytes(line)));
    }

    /** A line of the labelled answer: passed and queued under the answer's lock, so its lines keep their order. */
    private void labelled(Labels answering, String line) {
        synchronized (answering) {
            if (label != answering) { // the answer ended meanwhile: a late line goes out as any other
                outbox.send(Verbatim.CARRIER, new Verbatim(IrcLine.bytes(line)));
                return;
            }
            String passed = answering.pass(line);
            if (passed != null) {
                outbox.send(Verbatim.CARRIER, new Verbatim(IrcLine.bytes(passed)));
            }
        }
    }

    /** Lines already encoded (CRLF-terminated), written as {@link #line} writes one. */
    void lines(byte[] encoded) {
        if (label == null || Thread.currentThread() != labelling) {
            outbox.send(Verbatim.CARRIER, new Verbatim(encoded));
            return;
        }
        labelledLines(label, encoded);
    }

    private void labelledLines(Labels answering, byte[] encoded) {
        for (String line : new String(encoded, java.nio.charset.StandardCharsets.UTF_8).split("\r\n")) {
            if (!line.isEmpty()) {
                labelled(answering, line);
            }
        }
    }

    /**
     * Writes a hub event as part of the labelled answer running, if it is one, and says so: what this
     * client's own command makes the hub send it at once, on the reader thread (its JOIN, PART, MODE,
     * TOPIC, KICK or NICK line), and the echo of a labelled PRIVMSG or NOTICE (which the verb waits for).
     * False for anything else, which the caller queues as usual.
     */
    boolean answers(org.causerie.event.Envelope envelope, org.causerie.protocol.Codec codec) {
        Labels answering = label;
        if (answering == null) {
            return false;
        }
        var event = envelope.event();
        boolean mine = Thread.currentThread() == labelling || (echoAnswers && envelope.sentBy(session)
                && (event instanceof org.causerie.event.Event.Message || event instanceof org.causerie.event.Event.Private));
        if (!mine) {
            return false;
        }
        labelledLines(answering, codec.encode(envelope));
        return true;
    }

    /** Marks the labelled command running as one whose echo answers it; the verb settles before it ends. */
    void echoAnswers() {
        if (label != null && echo()) {
            hub().settle(); // an echo of an earlier command must not be taken for this one's
            echoAnswers = true;
        }
    }

    /**
     * labeled-response: what the reader thread writes to this client directly from now on (numerics,
     * replies, CHATHISTORY's batches) answers {@code label}. Events the hub sends (JOIN, the echo of a
     * PRIVMSG) are not part of it: they come in their place in the stream.
     */
    void startLabel(String label) {
        this.label = new Labels(label, this);
        labelling = Thread.currentThread();
    }

    /** Ends the labelled answer: an ACK when it had no line, the label on its one line, or the batch's end. */
    void endLabel() {
        Labels ended = label;
        if (echoAnswers) {
            hub().settle(); // the echoes are delivered, and so part of the answer, before it ends
        }
        synchronized (ended) {
            label = null;
            labelling = null;
            echoAnswers = false;
            ended.end().forEach(line -> outbox.send(Verbatim.CARRIER, new Verbatim(IrcLine.bytes(line))));
        }
    }

    /**
     * Tells {@code line} to every other IRC client that shares a channel with this one and asked for
     * {@code cap}, once each. Not under a room lock, so not ordered with the channels' events.
     */
    void tellSharing(Cap cap, String line) {
        var told = new java.util.HashSet<IrcClient>();
        for (org.causerie.chat.Room room : session.rooms()) {
            for (String nick : room.nicks()) {
                for (Session member : hub().online(nick)) {
                    IrcClient irc = door.client(member);
                    if (irc != null && irc != this && irc.registered() && irc.has(cap) && told.add(irc)) {
                        irc.line(line);
                    }
                }
            }
        }
    }

    /** A refusal as its numeric; {@code subject} is the channel or nick it is about. */
    void refuse(ChatException refused, String command, String subject) {
        Refusals.send(this, refused, command, subject);
    }
}
