package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw client for wire tests: a socket to 127.0.0.1, lines out, and every line in kept in order by
 * a reader thread. Every wait has a deadline ({@link #TIMEOUT}); nothing sleeps.
 *
 * <p>Every line received is also kept in a transcript that reading does not consume, so a negative
 * claim ("nobody else sees it") can be checked over everything that came, including the lines an
 * {@link #expect} skipped: take a {@link #mark()} before the action, then {@link #assertNoneSince}.
 *
 * <p>The end of the stream is clean only when the server closed it (FIN); a reset is an error, which
 * {@link #next()} and {@link #awaitClose()} report as such ({@link #awaitEnd()} accepts both).
 */
public final class Wire implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A bare TCP socket to the server (no TLS, nothing said), reads timed out after {@link #TIMEOUT}. */
    public static Socket rawSocket(int port) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    /** True when the server has closed (or reset) the socket: a read ends instead of blocking. */
    public static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
    private static final String EOF = "\u0000eof";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final java.util.concurrent.LinkedBlockingDeque<String> lines = new java.util.concurrent.LinkedBlockingDeque<>();
    /** Every line received, in order; never consumed. Guarded by itself. */
    private final List<String> transcript = new ArrayList<>();
    private volatile boolean closedByServer;
    /** How the stream ended when it did not end cleanly (a reset, say); null while open or after a FIN. */
    private volatile IOException failure;
    private volatile boolean closedByTest;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("wire-reader").start(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (transcript) {
                        transcript.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                if (!closedByTest) {
                    failure = e; // a reset is not a clean end: the test must say it expects one
                }
            }
            closedByServer = true;
            lines.add(EOF);
        });
    }

    /** A wire over a socket already connected (a TLS one, say). */
    public static Wire over(Socket socket) {
        try {
            return new Wire(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Wire connect(int port) {
        try {
            var socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            return new Wire(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Connects, takes {@code nick}, and returns once the session is seated in #general under that name.
     * This is the one place that knows the order of first contact (the greeting, the seat, the first
     * line), so new tests go through it rather than expect the greeting themselves.
     */
    public static Wire join(int port, String nick) {
        Wire wire = connect(port);
        int mark = wire.mark();
        wire.expect(line -> line.startsWith("- welcome"));
        wire.send("/nick " + nick);
        wire.send("/ping");
        wire.expect("= pong");
        assertThat(wire.since(mark)).as("%s seated in #general", nick).anyMatch(arrivalOf(nick));
        return wire;
    }

    /** Like {@link #join}, in the JSON format. */
    public static Wire joinJson(int port, String nick) {
        Wire wire = join(port, nick);
        wire.send("/format json");
        wire.expectJson("reply");
        return wire;
    }

    /** True for the line that tells a room member {@code nick} arrived (seated as it, or renamed to it). */
    public static Predicate<String> arrivalOf(String nick) {
        return line -> line.equals("* #general: " + nick + " joined")
                || line.matches("\\* #general: guest-\\d+ is now " + java.util.regex.Pattern.quote(nick));
    }

    /**
     * Connects from another loopback address ({@code 127.0.0.2}, {@code 127.0.0.3}…: all of 127/8 is the
     * loopback on Linux), so that the server sees a different client address; reads nothing.
     */
    public static Wire connectFrom(String local, int port) {
        try {
            var socket = new Socket();
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            return new Wire(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #connectFrom}, then first contact as {@link #greeted}: a guest seated in #general. */
    public static Wire greetedFrom(String local, int port) {
        return firstContact(connectFrom(local, port));
    }

    /**
     * Connects, reads past the greeting, and sends a first line ({@code /ping}), which seats the client in
     * #general (first contact: the welcome at once, the seat after the first whole line, which runs
     * first); the client is then a guest in #general, its own join read.
     */
    public static Wire greeted(int port) {
        return firstContact(connect(port));
    }

    private static Wire firstContact(Wire wire) {
        wire.expect(line -> line.startsWith("- welcome"));
        wire.send("/ping");
        wire.expect("= pong");
        wire.expect(line -> line.startsWith("* #general: guest-") && line.endsWith(" joined"));
        return wire;
    }

    /** Connects, switches to JSON, and reads past the greeting and the format reply. */
    public static Wire json(int port) {
        Wire wire = greeted(port);
        wire.send("/format json");
        wire.expectJson("reply");
        return wire;
    }

    public Wire send(String line) {
        return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public Wire sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The next line; fails if none comes in time or the server closed the connection. */
    public String next() {
        try {
            String line = lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                fail("no line from the server within " + TIMEOUT);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                fail(failure != null ? "the connection failed: " + failure : "the server closed the connection");
            }
            return line;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Puts a line back, to be the next one read. */
    public void pushBack(String line) {
        lines.addFirst(line);
    }

    /** Skips lines until one matches, and returns it. */
    public String expect(Predicate<String> wanted) {
        var skipped = new ArrayList<String>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line;
            try {
                line = next();
            } catch (AssertionError silence) { // say what did come, or the failure tells nothing
                throw new AssertionError(silence.getMessage() + "; before that, saw " + skipped, silence);
            }
            if (wanted.test(line)) {
                return line;
            }
            skipped.add(line);
        }
        throw new AssertionError("no matching line in time; saw " + skipped);
    }

    /** Skips lines until one equals {@code exact}. */
    public String expect(String exact) {
        return expect(exact::equals);
    }

    /** Skips lines until a JSON line of {@code type} comes, and returns it parsed. */
    public JsonNode expectJson(String type) {
        return json(expect(line -> line.contains("\"type\":\"" + type + "\"")));
    }

    public JsonNode nextJson() {
        return json(next());
    }

    /** Sends a command and returns the text reply (skipping anything else, like room traffic). */
    public String ask(String command) {
        send(command);
        return expect(line -> line.startsWith("= ") || line.startsWith("! ")).substring(0);
    }

    /**
     * Waits until the server closes the connection (a FIN); returns the lines that came before. A reset
     * fails: it is how a crash or a lost line looks from here.
     */
    public List<String> awaitClose() {
        List<String> seen = awaitEnd();
        if (failure != null) {
            throw new AssertionError("the connection was not closed cleanly: " + failure + "; saw " + seen);
        }
        return seen;
    }

    /**
     * Waits until the connection ends, closed or reset: for a client the server drops while it still
     * has unread bytes from it, where the kernel answers with a reset.
     */
    public List<String> awaitEnd() {
        var seen = new ArrayList<String>();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (EOF.equals(line)) {
                    lines.add(EOF);
                    return seen;
                }
                if (line != null) {
                    seen.add(line);
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the server did not close the connection in time; saw " + seen);
    }

    public boolean closedByServer() {
        return closedByServer;
    }

    /** The position in the transcript now: what {@link #assertNoneSince} checks from. */
    public int mark() {
        synchronized (transcript) {
            return transcript.size();
        }
    }

    /** Every line received since {@code mark}, read or not. */
    public List<String> since(int mark) {
        synchronized (transcript) {
            return List.copyOf(transcript.subList(mark, transcript.size()));
        }
    }

    /**
     * Asserts that no line received since {@code mark} and before the answer to a {@code /ping} sent
     * now matches {@code forbidden}; returns those lines. The server answers the ping after everything
     * it queued for this client before, so call it once the action's effect has reached its actor (the
     * sender has its echo): a leak would then be queued before the pong. Works in text and JSON formats.
     */
    public List<String> assertNoneSince(int mark, String claim, Predicate<String> forbidden) {
        Predicate<String> pong = line -> line.equals("= pong") || (line.startsWith("{")
                && line.contains("\"type\":\"reply\"") && line.contains("\"text\":\"pong\""));
        send("/ping");
        expect(pong);
        List<String> seen = since(mark);
        int end = seen.size() - 1;
        while (!pong.test(seen.get(end))) { // lines may have come after it meanwhile
            end--;
        }
        List<String> before = seen.subList(0, end);
        assertThat(before).as(claim).noneMatch(forbidden);
        return before;
    }

    /** No line waiting right now (a check after a round trip, not a wait). */
    public void assertNothingPending() {
        assertThat(lines).isEmpty();
    }

    /** Lines received so far and not yet read, without waiting. */
    public List<String> drain() {
        var drained = new ArrayList<String>();
        lines.drainTo(drained);
        drained.remove(EOF);
        return drained;
    }

    public Socket socket() {
        return socket;
    }

    public static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Override
    public void close() {
        closedByTest = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // the test is done with it
        }
    }
}
