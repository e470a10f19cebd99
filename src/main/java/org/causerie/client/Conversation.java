package org.causerie.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.causerie.event.Event;
import org.causerie.protocol.JsonCodec;

/**
 * The interactive client without its terminal: one connection at a time to the server, kept in the
 * JSON format, whose lines are shown on a {@link Screen}. When the server goes away it says so once,
 * reconnects with a {@link Backoff}, resumes its login with a session token (or asks again for its
 * nickname), rejoins the rooms it was still in and shows what it missed there ({@link CatchUp}).
 *
 * <p>Threads: {@code client-reader} reads the link, updates the models and shows lines; the user's
 * thread calls {@link #send}. The user's {@code /format} never reaches the server: it only chooses
 * between rendered lines and the raw JSON.
 */
public final class Conversation implements AutoCloseable {
    /** The servers to use, in order; {@link #hostIndex} indexes the one in use (reader thread's after start). */
    private final Hosts hosts;
    private int hostIndex;
    /** How a server's /drain notice begins (docs/protocol.md). */
    static final String DRAIN = "drain: ";
    /** What to trust when connecting over TLS, or null for plain TCP. */
    private final TlsTrust tls;
    private final String nick;
    private final Presence presence = new Presence();
    private final Nicknames nicknames = new Nicknames();
    private final Vocabulary vocabulary = new Vocabulary();
    /** Thread-safe: the line editor's thread asks for /rooms too. */
    private final HiddenReplies hidden = new HiddenReplies();
    /** Owned by the reader thread, and before it starts by {@link #start}. */
    private final CatchUp catchUp = new CatchUp();
    private final Login login = new Login();
    /** When the client last asked for /rooms on its own (System.nanoTime), to ask at most every few seconds. */
    private volatile long roomsAsked;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private Screen screen;
    /** The live connection; null while reconnecting. Written by the reader thread. */
    private volatile ServerLink link;
    /** The user asked to leave: the end of the connection is then no loss. */
    private volatile boolean leaving;
    /** The server said it is draining (/drain): the end of its link is expected, and the next host is due. */
    private volatile boolean drained;
    /** The user asked for raw JSON lines. */
    private volatile boolean raw;

    /** {@code nick} is asked for after connecting and after every reconnection until the server grants one. */
    public Conversation(Address address, String nick) {
        this(address, null, nick);
    }

    /** As above; reconnections go over TLS with {@code tls} unless it is null. */
    public Conversation(Address address, TlsTrust tls, String nick) {
        this(Hosts.of(address), tls, nick);
    }

    /** Several servers: a lost connection is taken up with the next one (see {@link #reconnect}). */
    public Conversation(Hosts hosts, TlsTrust tls, String nick) {
        this.hosts = hosts;
        this.tls = tls;
        this.nick = nick;
    }

    /**
     * Switches {@code first} to JSON and starts reading it. The caller makes the first connection
     * itself, so that a server that cannot be reached is reported before any terminal is set up.
     */
    public void start(ServerLink first, Screen screen) {
        start(first, 0, screen);
    }

    /** As above, {@code first} being connected to the host at {@code index} of the hosts. */
    public void start(ServerLink first, int index, Screen screen) {
        this.hostIndex = index;
        this.screen = screen;
        greet(first, nick == null ? List.of() : List.of("/nick " + nick));
        this.link = first;
        Thread.ofPlatform().name("client-reader").daemon(true).start(() -> run(first));
    }

    private void run(ServerLink first) {
        try {
            ServerLink current = first;
            while (true) {
                String why = receive(current);
                current.close();
                link = null;
                if (leaving) {
                    return;
                }
                screen.show(Painter.paintClient(drained ? "the server is closing: reconnecting to another"
                        : "connection lost: " + why + "; reconnecting"));
                drained = false;
                Presence.Snapshot before = presence.snapshot(nick);
                current = reconnect();
                if (current == null) {
                    return;
                }
                screen.show(Painter.paintClient("reconnected to " + hosts.get(hostIndex)));
                greet(current, restore(before));
                link = current;
                if (leaving) { // close() may have looked at link before it was set
                    current.close();
                    return;
                }
            }
        } finally {
            ended.countDown();
        }
    }

    /**
     * Switches a new connection to JSON, quietly, then sends {@code lines}; it runs before the link is
     * read or offered to the user, so that the user's lines are answered in JSON and the hidden answer
     * is expected before it can arrive. A failed send shows up as the link's end.
     */
    private void greet(ServerLink current, List<String> lines) {
        hidden.clear();
        hidden.expect("format", "format is now json");
        hidden.expect("help", "commands");
        hidden.expect("rooms", "");
        try {
            current.send("/format json"); // the first line: with first contact, the join and replay come in JSON
            current.send("/help");
            current.send("/rooms");
            for (String line : lines) {
                current.send(line);
            }
        } catch (IOException e) {
            current.close(); // receive() reports it
        }
    }

    /** Reads until the link ends; returns why it ended. */
    private String receive(ServerLink current) {
        try {
            String line;
            while ((line = current.readLine()) != null) {
                handle(current, line);
            }
            return "the server closed the connection";
        } catch (IOException e) {
            return Connector.reason(e);
        }
    }

    private void handle(ServerLink current, String line) {
        Event event = parse(line);
        if (event == null) {
            if (!catchUp.replayed(line)) {
                screen.show(raw ? Painter.plain(line) : Painter.paintLine(line));
            }
            return;
        }
        if (event instanceof Event.Notice notice && notice.text() != null && notice.text().startsWith(DRAIN)) {
            // the server asks its clients to go elsewhere before it stops: leave now, for the next host
            screen.show(raw ? Painter.plain(line) : Painter.paint(event));
            drained = true;
            current.close();
            return;
        }
        presence.observe(event);
        nicknames.observe(event, presence.self());
        vocabulary.observe(event);
        login(current, event);
        if (event instanceof Event.Joined j && presence.isSelf(j.nick())) {
            askMembers(current, j.room());
        }
        if (hidden.hide(event)) {
            return;
        }
        List<Event> shown = catchUp.filter(event);
        for (Event each : shown) {
            if (raw) {
                screen.show(Painter.plain(each == event ? line : JsonCodec.render(each)));
            } else {
                screen.show(Painter.paint(each));
            }
        }
    }

    /** Follows the login; asks for a token quietly when one is due, says so when a resume was refused. */
    private void login(ServerLink current, Event event) {
        switch (login.observe(event)) {
            case ASK_TOKEN -> ask(current, "token", "token ", "/token");
            case RESUME_REFUSED -> screen.show(Painter.paintClient("the login could not be resumed: /login again"));
            case NOTHING -> { }
        }
    }

    /** Sends {@code line} on the client's own behalf; its answer, to {@code command}, is not shown. */
    private void ask(ServerLink current, String command, String textPrefix, String line) {
        hidden.expect(command, textPrefix);
        try {
            current.send(line);
        } catch (IOException e) {
            current.close(); // receive() reports it
        }
    }

    /**
     * The lines that put a new connection where the last one was: the login resumed with its token (or
     * the nickname asked for again), the rooms the user was still in rejoined, and each caught up from
     * the last message seen there.
     */
    private List<String> restore(Presence.Snapshot before) {
        String resume = login.resume();
        var snapshot = resume == null ? before : new Presence.Snapshot(null, before.lobby(), before.rooms());
        var lines = new java.util.ArrayList<String>();
        if (resume != null) {
            lines.add(resume);
        }
        lines.addAll(snapshot.restore());
        lines.addAll(catchUp.plan(snapshot.rooms()));
        return lines;
    }

    /** Asks the server for its rooms, quietly, at most every few seconds: for completion after /join. */
    void refreshRooms() {
        long now = System.nanoTime();
        ServerLink current = link;
        if (current == null || now - roomsAsked < java.util.concurrent.TimeUnit.SECONDS.toNanos(3)) {
            return;
        }
        roomsAsked = now;
        ask(current, "rooms", "", "/rooms");
    }

    /** A join tells only who joined: ask who else is there, for nickname completion, without showing it. */
    private void askMembers(ServerLink current, String room) {
        ask(current, "who", room + " (", "/who " + room);
    }

    /** A JSON line as an event; a text line (before the switch to JSON) as one if it is a greeting, else null. */
    private static Event parse(String line) {
        if (!line.startsWith("{")) {
            return TextLines.parse(line);
        }
        try {
            return JsonCodec.parse(line);
        } catch (RuntimeException e) { // not JSON, or a type this client does not know: show it as it is
            return null;
        }
    }

    /**
     * A new link, or null when the user left meanwhile. With one host, each attempt waits its {@link
     * Backoff} pause first, as a restarting server needs time. With several, the next host is tried at
     * once (the one just lost is likely down, the others likely up), then the others in turn; the pause
     * comes after each round in which none answered.
     */
    private ServerLink reconnect() {
        var backoff = new Backoff();
        int start = hosts.size() == 1 ? hostIndex : hostIndex + 1;
        for (int attempt = 0; !leaving; attempt++) {
            if (hosts.size() == 1 || (attempt > 0 && attempt % hosts.size() == 0)) {
                try {
                    if (closed.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) {
                        return null;
                    }
                } catch (InterruptedException e) {
                    return null;
                }
            }
            int index = Math.floorMod(start + attempt, hosts.size());
            try {
                ServerLink fresh = ServerLink.open(hosts.get(index), tls, ServerLink.CONNECT_TIMEOUT);
                if (leaving) { // closed while connecting: nobody will read it
                    fresh.close();
                    return null;
                }
                hostIndex = index;
                return fresh;
            } catch (IOException e) {
                // "connection lost" was said once; the attempts go on quietly
            }
        }
        return null;
    }

    /** Sends a line the user typed. {@code /quit} and {@code fin} make the end of the connection the end. */
    public void send(String input) {
        String[] words = input.strip().split("\\s+", 2);
        String first = words[0].toLowerCase(Locale.ROOT);
        if (first.equals("/format")) {
            format(words.length > 1 ? words[1].strip().toLowerCase(Locale.ROOT) : "");
            return;
        }
        if (first.equals("/quit") || input.strip().equals("fin")) {
            leaving = true;
        }
        ServerLink current = link;
        if (current == null) {
            if (leaving) {
                close();
            } else {
                screen.show(Painter.paintClient("not connected: the line was not sent"));
            }
            return;
        }
        try {
            current.send(input);
        } catch (IOException e) {
            if (leaving) {
                close();
            } else {
                screen.show(Painter.paintClient("not sent: " + Connector.reason(e)));
            }
        }
    }

    private void format(String name) {
        switch (name) {
            case "json" -> {
                raw = true;
                screen.show(Painter.paintClient("showing raw JSON lines (/format text to go back)"));
            }
            case "text" -> {
                raw = false;
                screen.show(Painter.paintClient("showing text lines"));
            }
            default -> screen.show(Painter.paintClient("the formats are text and json"));
        }
    }

    /** Shows a line of the client's own, such as why a typed line was not sent. */
    public void note(String text) {
        screen.show(Painter.paintClient(text));
    }

    /** Leaves as /quit does: the server says goodbye and closes. */
    public void leave() {
        send("/quit");
    }

    /** Whether the user asked to leave. */
    public boolean leaving() {
        return leaving;
    }

    /** Whether a connection is up (false while reconnecting). */
    public boolean connected() {
        return link != null;
    }

    /** Waits until the reader thread has finished; false if it has not within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Presence presence() {
        return presence;
    }

    public Nicknames nicknames() {
        return nicknames;
    }

    /** Whether the client holds a session token, to resume its login after a reconnection. */
    boolean loggedIn() {
        return login.held();
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    /** For a test: the last message id seen in {@code room}. Reader thread's; read once it is quiet. */
    long lastSeen(String room) {
        return catchUp.lastSeen(room);
    }

    /** Ends the conversation now: closes the link and stops reconnecting. */
    @Override
    public void close() {
        leaving = true;
        closed.countDown();
        ServerLink current = link;
        if (current != null) {
            current.close();
        }
    }
}
