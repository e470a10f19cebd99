package org.causerie.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client for tests: one text frame per line sent, each frame received parsed as JSON. */
public final class Ws implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final List<String> seen = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger pongs = new java.util.concurrent.atomic.AtomicInteger();
    private WebSocket socket;

    /** Opens {@code ws://127.0.0.1:PORT/ws} with these extra headers (Origin, X-Forwarded-For, Cookie). */
    public static Ws open(int port, Map<String, String> headers) {
        var ws = new Ws();
        var builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        ws.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), ws.listener()).join();
        return ws;
    }

    static Ws open(int port) {
        return open(port, Map.of());
    }

    /** The HTTP status of a refused upgrade, or 101 if it was not refused. */
    static int status(int port, Map<String, String> headers) {
        try (var ws = open(port, headers)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            /** The JDK's client answers every ping with a pong by itself; this only counts them. */
            @Override
            public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
                pings.incrementAndGet();
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
                pongs.incrementAndGet();
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    /** Pings the server had sent this client (each answered by the JDK with a pong). */
    int pings() {
        return pings.get();
    }

    /** Pongs this client has received. */
    int pongs() {
        return pongs.get();
    }

    Ws ping() {
        socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {42})).join();
        return this;
    }

    /** Whether the server has closed this socket (or it failed). */
    boolean closed() {
        return closed.isDone();
    }

    Ws send(String line) {
        socket.sendText(line, true).join();
        return this;
    }

    /** The next frame, as JSON; fails after the timeout. */
    JsonNode next() {
        try {
            String frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + TIMEOUT + "; last frames: " + seen.subList(Math.max(0, seen.size() - 5), seen.size()));
            }
            seen.add(frame);
            return JSON.readTree(frame);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + seen.getLast(), e);
        }
    }

    /** Skips frames until one matches; fails after the timeout. */
    public JsonNode expect(Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no such frame; last frames: " + seen.subList(Math.max(0, seen.size() - 5), seen.size()));
    }

    public JsonNode expect(String type) {
        return expect(frame -> frame.path("type").asText().equals(type));
    }

    /** Every frame read so far with {@link #next}, raw, in order. */
    List<String> seen() {
        return seen;
    }

    /** Every frame that has come, raw, in order: those read and those waiting. */
    List<String> all() {
        frames.drainTo(seen);
        return seen;
    }

    /** The close status the server sent (or -1 for an error), waiting at most the timeout. */
    int awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + TIMEOUT + "; seen: " + seen, e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
