package org.causerie.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.causerie.Wire;

/**
 * One member of {@link #ROOM} in a cluster test, in the JSON format, that sends its own numbered lines
 * one at a time (the next once the last was answered: echoed, refused, or its connection lost) and
 * records everything the consistency checker needs. When its connection ends it reconnects to the next
 * node it was given, as the terminal client with several {@code --host} does, and catches up with
 * {@code /catchup #load LAST_ID} (exact when not yet in the room: the missed ones in order, then live).
 * Each connection takes a new nickname ({@code alice-2}): the dead node's claim on the old one may
 * still hold for its lease.
 */
final class Member implements AutoCloseable {
    static final String ROOM = "#load";
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final Duration RECONNECT = Duration.ofSeconds(30);

    private final String name;
    private final List<IntSupplier> ports;
    private int next;
    /** What each connection received in the room, in arrival order (message and gap events). */
    private final List<List<JsonNode>> views = new CopyOnWriteArrayList<>();
    /** Text to the id its echo carried. */
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    /** Text to the refusal (error code) it got. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    /** Texts whose connection ended before any answer: maybe stored, maybe not. */
    private final List<String> unknown = new CopyOnWriteArrayList<>();
    /** Texts still unanswered when their wait ran out on a live connection: lost silently, unless stored. */
    private final List<String> unanswered = new CopyOnWriteArrayList<>();
    private final List<JsonNode> notices = new CopyOnWriteArrayList<>();
    private volatile long lastId;
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile CompletableFuture<String> waiting = new CompletableFuture<>();
    private volatile String pending;
    private volatile boolean closed;

    /** {@code ports} in the order to try them; suppliers, since a restarted node may be asked again. */
    Member(String name, List<IntSupplier> ports) {
        this.name = name;
        this.ports = List.copyOf(ports);
    }

    String name() {
        return name;
    }

    /**
     * Connects to the next node that answers, seated in the room, trying the nodes in turn (from the one
     * after the last that failed) for up to {@link #RECONNECT}: a node that is restarting answers again.
     */
    void connect() {
        var failures = new ArrayList<String>();
        boolean connected = Deadline.await(RECONNECT, () -> {
            int port = ports.get(next % ports.size()).getAsInt();
            try {
                open(port);
                return true;
            } catch (IOException e) {
                failures.add(port + ": " + e.getMessage());
                next++;
                return false;
            }
        });
        if (!connected) {
            throw new AssertionError(name + " could not reach any node within " + RECONNECT.toSeconds() + " s: "
                    + failures.subList(Math.max(0, failures.size() - 5), failures.size()));
        }
    }

    private void open(int port) throws IOException {
        var fresh = new Socket();
        fresh.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        var view = Collections.synchronizedList(new ArrayList<JsonNode>());
        views.add(view);
        socket = fresh;
        out = fresh.getOutputStream();
        var joined = expectAnswer(null);
        Thread.ofVirtual().name("member-" + name).start(() -> read(fresh, view));
        String nick = name + "-" + views.size();
        write("/format json\n/nick " + nick + "\n"
                + (views.size() == 1 ? "/join " + ROOM : "/catchup " + ROOM + " " + lastId) + "\n/ping\n");
        String answer = await(joined);
        if (!answer.equals("pong")) {
            fresh.close();
            throw new IOException("no pong after joining: " + answer);
        }
    }

    private void read(Socket from, List<JsonNode> view) {
        try (var in = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    handle(Wire.json(line), view);
                }
            }
        } catch (IOException e) {
            // a reset: the same as an end for this member
        }
        if (socket == from) {
            waiting.complete("eof");
        }
    }

    private void handle(JsonNode event, List<JsonNode> view) {
        String type = event.path("type").asText();
        switch (type) {
            case "message", "gap" -> {
                if (!ROOM.equals(event.path("room").asText())) {
                    return;
                }
                view.add(event);
                if (type.equals("message")) {
                    lastId = Math.max(lastId, event.get("id").asLong());
                    String text = event.path("text").asText();
                    if (text.equals(pending) && !event.path("history").asBoolean()) {
                        waiting.complete("ack " + event.get("id").asLong());
                    }
                }
            }
            case "reply" -> {
                if (event.path("command").asText().equals("ping")) {
                    waiting.complete("pong");
                }
            }
            case "error" -> {
                String command = event.path("command").asText("");
                if (pending != null && (command.isEmpty() || command.equals("say") || command.equals("msg"))) {
                    waiting.complete("error " + event.path("code").asText());
                }
            }
            case "notice" -> notices.add(event);
            default -> { }
        }
    }

    private CompletableFuture<String> expectAnswer(String text) {
        var answer = new CompletableFuture<String>();
        pending = text;
        waiting = answer;
        return answer;
    }

    private String await(CompletableFuture<String> answer) {
        try {
            return answer.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "timeout";
        } catch (Exception e) {
            return "eof";
        }
    }

    private void write(String lines) throws IOException {
        out.write(lines.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends {@code text} and waits for its answer; on a lost connection, reconnects to the next node. */
    void say(String text) {
        var answer = expectAnswer(text);
        String result;
        try {
            write(text + "\n");
            result = await(answer);
        } catch (IOException e) {
            result = "eof";
        }
        pending = null;
        if (result.startsWith("ack ")) {
            acknowledged.put(text, Long.parseLong(result.substring(4)));
        } else if (result.startsWith("error ")) {
            refused.put(text, result.substring(6));
        } else if (result.equals("timeout")) {
            unanswered.add(text);
        } else {
            unknown.add(text);
        }
        if (result.equals("eof") && !closed) {
            next++;
            connect();
        }
    }

    /** Sends {@code count} lines {@code NAME:i}, one after the other. */
    void talk(int count) {
        for (int i = 1; i <= count && !closed; i++) {
            say(name + ":" + i);
        }
    }

    /** How many connections this member opened: more than one after a reconnection. */
    int connections() {
        return views.size();
    }

    long lastId() {
        return lastId;
    }

    int answered() {
        return acknowledged.size() + refused.size() + unknown.size() + unanswered.size();
    }

    List<JsonNode> notices() {
        return List.copyOf(notices);
    }

    Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    /**
     * Gives the checker what this member saw: the first connection in arrival order, each later one's
     * catch-up (missed) and live parts in arrival order as views of their own (each must be in order and
     * whole), and all of it together, by id, as the member's view across reconnections.
     */
    void report(Consistency checker) {
        var whole = new ArrayList<JsonNode>();
        for (int i = 0; i < views.size(); i++) {
            List<JsonNode> view;
            synchronized (views.get(i)) {
                view = List.copyOf(views.get(i));
            }
            if (i == 0) {
                whole.addAll(view);
                continue;
            }
            for (JsonNode event : view) {
                String part = event.path("missed").asBoolean() ? "missed" : "live";
                checker.receivedJson(name + "@" + (i + 1) + "." + part, event);
            }
            view.stream().sorted(java.util.Comparator.comparingLong(e -> e.path(e.has("id") ? "id" : "from").asLong()))
                    .forEach(whole::add);
        }
        // later connections overlap the first only if a catch-up resent something: the whole view shows it twice
        whole.forEach(event -> checker.receivedJson(name, event));
        acknowledged.forEach((text, id) -> checker.acknowledged(name, ROOM, id, text));
        checker.stayed(name, ROOM);
    }

    /** Drops the connection, as a network cut would; the member notices and reconnects at its next line. */
    void drop() {
        try {
            Socket current = socket;
            current.setSoLinger(true, 0);
            current.close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // done with it
        }
    }
}
