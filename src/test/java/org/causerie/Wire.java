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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw client for wire tests: a socket to 127.0.0.1, lines out, and every line in kept in order by
 * a reader thread. Every wait has a deadline ({@link #TIMEOUT}); nothing sleeps.
 */
public final class Wire implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String EOF = "\u0000eof";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final java.util.concurrent.LinkedBlockingDeque<String> lines = new java.util.concurrent.LinkedBlockingDeque<>();
    private volatile boolean closedByServer;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("wire-reader").start(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the socket was closed or reset: the end of the stream as far as the test goes
            }
            closedByServer = true;
            lines.add(EOF);
        });
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
                fail("the server closed the connection");
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
            String line = next();
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

    /** Waits until the server closes the connection; returns the lines that came before. */
    public List<String> awaitClose() {
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
        try {
            socket.close();
        } catch (IOException ignored) {
            // the test is done with it
        }
    }
}
