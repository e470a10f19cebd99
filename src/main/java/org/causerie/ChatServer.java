package org.causerie;

import java.io.IOException;
import org.causerie.calc.Calculator;
import org.causerie.chat.Hub;
import org.causerie.command.Commands;
import org.causerie.command.Dispatcher;
import org.causerie.net.Connection;
import org.causerie.net.Listener;

/**
 * A Causerie server: {@code ChatServer.create(config).start()}, then {@link #port()} and {@link #stop()}.
 * It wires the layers together: a listener and its connections (the door), the dispatcher and its
 * command table, and the hub.
 */
public final class ChatServer implements AutoCloseable {
    public static final String NAME = "causerie";
    public static final String VERSION = version();

    private final ServerConfig config;
    private final Hub hub = new Hub(NAME, VERSION);
    private final Dispatcher dispatcher = new Dispatcher(Commands.standard(new Calculator()));
    private Listener listener;

    private ChatServer(ServerConfig config) {
        this.config = config;
    }

    public static ChatServer create(ServerConfig config) {
        return new ChatServer(config);
    }

    /** Binds the port and starts accepting; throws if the port cannot be had. */
    public synchronized ChatServer start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        var limits = new Connection.Limits(config.maxLineBytes(), config.outboxCapacity(), config.drainTimeout());
        listener = Listener.start(config.bind(), config.port(), config.backlog(),
                socket -> new Connection(socket, hub, dispatcher, limits));
        return this;
    }

    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
        return listener.port();
    }

    /** The number of connected sessions. */
    public int sessions() {
        return hub.sessions();
    }

    /** Stops accepting and closes every connection; returns when their threads have ended (bounded). */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static String version() {
        String version = ChatServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
