package org.causerie;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.causerie.auth.Passwords;
import org.causerie.auth.Throttle;
import org.causerie.calc.Calculator;
import org.causerie.chat.Hub;
import org.causerie.chat.Journal;
import org.causerie.command.Commands;
import org.causerie.command.Dispatcher;
import org.causerie.net.Connection;
import org.causerie.net.Listener;
import org.causerie.store.MemoryStore;
import org.causerie.store.Store;
import org.causerie.store.jdbc.PostgresStore;
import org.causerie.store.jdbc.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Causerie server: {@code ChatServer.create(config).start()}, then {@link #port()} and {@link #stop()}.
 * It wires the layers together: the store and its journal, the hub, the dispatcher and its command
 * table, and a listener with its connections (the door).
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    public static final String NAME = "causerie";
    public static final String VERSION = version();
    /** How often history is pruned when a retention is set. */
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final ServerConfig config;
    private Store store;
    private Journal journal;
    private Hub hub;
    private Listener listener;
    private Thread pruner;

    private ChatServer(ServerConfig config) {
        this.config = config;
    }

    public static ChatServer create(ServerConfig config) {
        return new ChatServer(config);
    }

    /** Opens the store, binds the port and starts accepting; throws if either cannot be had. */
    public synchronized ChatServer start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        store = openStore(config);
        try {
            if (!config.retention().keepsEverything()) { // at start, before anyone can read what must go
                log.info("history_pruned messages={}", store.prune(config.retention()));
            }
            journal = config.store().equals(ServerConfig.MEMORY) ? Journal.inline(store) : Journal.grouped(store);
            hub = new Hub(NAME, VERSION, journal, new Passwords(), new Throttle(Clock.systemUTC()), config.replay());
            var dispatcher = new Dispatcher(Commands.standard(new Calculator()));
            var limits = new Connection.Limits(config.maxLineBytes(), config.outboxCapacity(), config.drainTimeout());
            listener = Listener.start(config.bind(), config.port(), config.backlog(),
                    socket -> new Connection(socket, hub, dispatcher, limits));
        } catch (IOException | RuntimeException e) {
            closeStore();
            throw e;
        }
        if (!config.retention().keepsEverything()) {
            pruner = Thread.ofVirtual().name("pruner").start(this::pruneForever);
        }
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

    /**
     * Stops accepting, closes every connection, then commits and delivers what the journal holds and
     * closes the store; returns when their threads have ended (bounded).
     */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
        if (pruner != null) {
            pruner.interrupt();
        }
        closeStore();
    }

    @Override
    public void close() {
        stop();
    }

    private void closeStore() {
        if (journal != null) {
            journal.close();
        }
        store.close();
    }

    private void pruneForever() {
        while (true) {
            try {
                Thread.sleep(PRUNE_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            try {
                log.info("history_pruned messages={}", store.prune(config.retention()));
            } catch (RuntimeException e) {
                log.error("prune_failed", e); // try again at the next round
            }
        }
    }

    private static Store openStore(ServerConfig config) {
        return switch (config.store()) {
            case ServerConfig.MEMORY -> new MemoryStore();
            case ServerConfig.SQLITE -> SqliteStore.open(config.dataDir());
            default -> PostgresStore.open(config.store());
        };
    }

    private static String version() {
        String version = ChatServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
