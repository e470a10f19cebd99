package org.causerie.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.causerie.net.MessageConnection;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WebSocket: Jetty's side of a {@link MessageConnection}. Jetty reads a frame only when asked
 * ({@link Session#demand}); each text frame is run as one line on a virtual thread, and the next frame
 * is asked for when it is done, so a client that sends faster than its lines run waits in TCP.
 * Public because Jetty calls it through method handles.
 */
public final class WsEndpoint implements Session.Listener, MessageConnection.Transport {
    /** A close reason is at most 123 bytes on the wire (RFC 6455 5.5). */
    private static final int MAX_REASON = 120;
    private static final byte[] PING = "causerie".getBytes(StandardCharsets.US_ASCII);

    private final Function<MessageConnection.Transport, MessageConnection> connections;
    private final String token;
    private final Duration guestTimeout;
    private final Runnable onEnd;
    private final Heartbeat heartbeat;
    private volatile Session socket;
    private MessageConnection connection;
    /** Whether a line has come: the end of the guest timeout. Touched by one frame's thread at a time. */
    private boolean spoke;

    /**
     * {@code token}, when the upgrade carried the session cookie, is resumed as the session's first
     * line; {@code onEnd} runs once the session has ended. After the first line, a socket quiet for
     * {@code keepAliveIdle} is pinged, and dropped if it stays quiet as long again ({@link Heartbeat}).
     */
    WsEndpoint(Function<MessageConnection.Transport, MessageConnection> connections, String token,
            Duration guestTimeout, Duration keepAliveIdle, Runnable onEnd) {
        this.connections = connections;
        this.token = token;
        this.guestTimeout = guestTimeout;
        this.onEnd = onEnd;
        this.heartbeat = new Heartbeat(keepAliveIdle, this::ping, reason ->
                Thread.ofVirtual().name("ws-ping-timeout").start(() -> end(reason)));
    }

    MessageConnection connection() {
        return connection;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        socket = session;
        if (!guestTimeout.isZero()) {
            session.setIdleTimeout(guestTimeout);
        }
        connection = connections.apply(this);
        Thread.ofVirtual().name("ws-open").start(() -> {
            if (!connection.open()) {
                onEnd.run();
                return;
            }
            if (token != null) {
                connection.resume(token);
            }
            session.demand();
        });
    }

    @Override
    public void onWebSocketText(String text) {
        Thread.ofVirtual().name("ws-" + connection.id()).start(() -> run(text));
    }

    private void run(String line) {
        try {
            heartbeat.heard();
            if (!spoke) {
                spoke = true;
                socket.setIdleTimeout(Duration.ZERO); // a line came: the guest timeout is over
                heartbeat.start(); // and the keepalive begins, as on the IRC door once registered
            }
            if (connection.line(line)) {
                heartbeat.heard(); // a line that waited (a full outbox, the flood rule) was no silence
                socket.demand();
            } else {
                end("quit");
            }
        } catch (InterruptedException e) {
            end("server stopping");
        }
    }

    /** Jetty leaves a ping to a listener that takes it: answered here, and the next frame asked for. */
    @Override
    public void onWebSocketPing(java.nio.ByteBuffer payload) {
        heartbeat.heard();
        socket.sendPong(payload, Callback.NOOP);
        socket.demand();
    }

    @Override
    public void onWebSocketPong(java.nio.ByteBuffer payload) {
        heartbeat.heard();
        socket.demand();
    }

    private void ping() {
        Session session = socket;
        if (session != null && session.isOpen()) {
            session.sendPing(java.nio.ByteBuffer.wrap(PING), Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
        callback.succeed();
        close("binary frames are not part of the protocol: send text frames");
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
        callback.succeed();
        Thread.ofVirtual().name("ws-closed").start(() -> end(status == StatusCode.SHUTDOWN || status == StatusCode.NORMAL
                ? "connection closed by peer" : status == StatusCode.NO_CLOSE || status == StatusCode.ABNORMAL
                ? "connection reset" : "connection closed by peer (" + status + ")"));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        Thread.ofVirtual().name("ws-error").start(() -> end(cause instanceof java.util.concurrent.TimeoutException
                || String.valueOf(cause.getMessage()).toLowerCase().contains("idle")
                ? "no line for " + guestTimeout.toSeconds() + " s" : "connection error"));
    }

    private void end(String reason) {
        heartbeat.stop();
        if (connection != null) {
            connection.closed(reason);
        }
        onEnd.run();
    }

    /**
     * Queues every frame, then waits for the last one: Jetty writes them in order. All but the last are
     * queued as a batch, so that a batch of events goes out in one write, as on the line door, not in a
     * write per frame (which cost several times the CPU per delivery: docs/web.md).
     */
    @Override
    public void send(List<java.nio.ByteBuffer> messages) throws IOException {
        Session session = socket;
        if (session == null || !session.isOpen()) {
            throw new IOException("the WebSocket is closed");
        }
        CoreSession core = ((WebSocketSession) session).getCoreSession();
        var last = new FutureCallback();
        for (int i = 0; i < messages.size(); i++) {
            boolean end = i == messages.size() - 1;
            core.sendFrame(new Frame(OpCode.TEXT, messages.get(i)), end ? last : org.eclipse.jetty.util.Callback.NOOP,
                    !end);
        }
        try {
            last.get();
        } catch (ExecutionException e) {
            throw new IOException("the WebSocket cannot be written to", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        }
    }

    @Override
    public void close(String reason) {
        Session session = socket;
        if (session != null && session.isOpen()) {
            byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
            String cut = bytes.length <= MAX_REASON ? reason : new String(bytes, 0, MAX_REASON, StandardCharsets.UTF_8);
            session.close(StatusCode.NORMAL, cut, Callback.NOOP);
        }
    }
}
