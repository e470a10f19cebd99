package org.causerie;

import java.time.Duration;

/**
 * How a server runs. {@link #defaults()} is what {@code causerie server} uses without options.
 *
 * @param bind           the address to listen on; {@code 0.0.0.0} is every interface
 * @param port           the TCP port; 0 picks a free one ({@link ChatServer#port()} tells which)
 * @param backlog        the accept queue: a classroom connecting at once must not see refusals
 * @param maxLineBytes   the longest line a client may send, in bytes, without its line ending
 * @param outboxCapacity events queued for one client before it is judged too slow and dropped
 * @param drainTimeout   how long a closing connection may take to write what is queued for it
 */
public record ServerConfig(String bind, int port, int backlog, int maxLineBytes, int outboxCapacity,
        Duration drainTimeout) {

    public static final int DEFAULT_PORT = 7777;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (backlog < 1 || maxLineBytes < 16 || outboxCapacity < 1) {
            throw new IllegalArgumentException("backlog, line limit and outbox capacity must be positive");
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, 4096, 4096, 4096, Duration.ofSeconds(5));
    }

    public ServerConfig withBind(String bind) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout);
    }

    public ServerConfig withMaxLineBytes(int maxLineBytes) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout);
    }

    public ServerConfig withOutboxCapacity(int outboxCapacity) {
        return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout);
    }
}
