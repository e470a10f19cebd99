package org.causerie;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.causerie.store.Retention;

/**
 * How a server runs. {@link #defaults()} is what {@code causerie server} uses without options.
 *
 * @param bind           the address to listen on; {@code 0.0.0.0} is every interface
 * @param port           the TCP port; 0 picks a free one ({@link ChatServer#port()} tells which)
 * @param backlog        the accept queue: a classroom connecting at once must not see refusals
 * @param maxLineBytes   the longest line a client may send, in bytes, without its line ending
 * @param outboxCapacity events queued for one client before it is judged too slow and dropped
 * @param drainTimeout   how long a closing connection may take to write what is queued for it
 * @param dataDir        where the embedded store keeps its file ({@code causerie.db})
 * @param store          {@code sqlite} (the file in {@code dataDir}), {@code memory} (nothing kept
 *                       across restarts), or a {@code jdbc:postgresql://…} URL
 * @param replay         how many of a room's last messages a newcomer receives on joining
 * @param retention      how much history is kept
 * @param limits         what one client may take ({@link Limits#NONE} lifts them)
 * @param tls            the TLS door, or {@link TlsConfig#OFF}
 * @param operators      accounts that are server operators (close rooms, disconnect users, shut down)
 */
public record ServerConfig(String bind, int port, int backlog, int maxLineBytes, int outboxCapacity,
        Duration drainTimeout, Path dataDir, String store, int replay, Retention retention, Limits limits,
        TlsConfig tls, List<String> operators) {

    public static final int DEFAULT_PORT = 7777;
    public static final String SQLITE = "sqlite";
    public static final String MEMORY = "memory";

    public ServerConfig {
        operators = List.copyOf(operators);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (backlog < 1 || maxLineBytes < 16 || outboxCapacity < 1) {
            throw new IllegalArgumentException("backlog, line limit and outbox capacity must be positive");
        }
        if (replay < 0 || replay > 500) {
            throw new IllegalArgumentException("the replay is between 0 and 500 messages, not " + replay);
        }
        if (!store.equals(SQLITE) && !store.equals(MEMORY) && !store.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the store is sqlite, memory or a jdbc:postgresql:// URL, not " + store);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, 4096, 4096, 4096, Duration.ofSeconds(5), Path.of("data"),
                SQLITE, 20, Retention.FOREVER, Limits.DEFAULTS, TlsConfig.OFF, List.of());
    }

    public ServerConfig withBind(String bind) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withMaxLineBytes(int maxLineBytes) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withOutboxCapacity(int outboxCapacity) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    /** Where and how to keep data: {@code store} as above, the SQLite file in {@code dataDir}. */
    public ServerConfig withStore(String store, Path dataDir) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withReplay(int replay) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withRetention(Retention retention) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withLimits(Limits limits) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withTls(TlsConfig tls) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }

    public ServerConfig withOperators(List<String> operators) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                replay, retention, limits, tls, operators);
    }
}
