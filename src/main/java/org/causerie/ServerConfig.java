package org.causerie;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.causerie.store.Retention;

/**
 * How a server runs. {@link #defaults()} is what {@code causerie server} uses without options; any other
 * configuration is made with {@link #builder()} (or {@link #toBuilder()} from another one), which holds the
 * defaults and calls the constructor once.
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
 * @param operators      names that must be server operators (close rooms, disconnect users, shut down): the
 *                       server refuses to start unless each was set with {@code causerie server oper add}
 * @param certificateCheck how often the TLS certificate and key files are checked for a change (renewal)
 * @param irc            the IRC door, or {@link IrcConfig#NONE}
 * @param web            the web door and the admin port, or {@link WebConfig#OFF}
 * @param cluster        the cluster this server is a node of, or {@link ClusterConfig#NONE}; a cluster
 *                       needs a PostgreSQL store, which every node shares
 */
public record ServerConfig(String bind, int port, int backlog, int maxLineBytes, int outboxCapacity,
        Duration drainTimeout, Path dataDir, String store, int replay, Retention retention, Limits limits,
        TlsConfig tls, List<String> operators, Duration certificateCheck, IrcConfig irc, WebConfig web,
        ClusterConfig cluster) {

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
        if (cluster.enabled() && !store.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--cluster needs --store jdbc:postgresql://...: every node reads and"
                    + " numbers the history in one shared database, which " + store + " is not");
        }
    }

    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The defaults live here, once; every setter returns the builder. */
    public static final class Builder {
        private String bind = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private int backlog = 4096;
        private int maxLineBytes = 4096;
        private int outboxCapacity = 4096;
        private Duration drainTimeout = Duration.ofSeconds(5);
        private Path dataDir = Path.of("data");
        private String store = SQLITE;
        private int replay = 20;
        private Retention retention = Retention.FOREVER;
        private Limits limits = Limits.DEFAULTS;
        private TlsConfig tls = TlsConfig.OFF;
        private List<String> operators = List.of();
        private Duration certificateCheck = Duration.ofSeconds(10);
        private WebConfig web = WebConfig.OFF;
        private IrcConfig irc = IrcConfig.NONE;
        private ClusterConfig cluster = ClusterConfig.NONE;

        private Builder() {}

        private Builder(ServerConfig c) {
            bind = c.bind;
            port = c.port;
            backlog = c.backlog;
            maxLineBytes = c.maxLineBytes;
            outboxCapacity = c.outboxCapacity;
            drainTimeout = c.drainTimeout;
            dataDir = c.dataDir;
            store = c.store;
            replay = c.replay;
            retention = c.retention;
            limits = c.limits;
            tls = c.tls;
            operators = c.operators;
            certificateCheck = c.certificateCheck;
            web = c.web;
            irc = c.irc;
            cluster = c.cluster;
        }

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        public Builder maxLineBytes(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        public Builder outboxCapacity(int outboxCapacity) {
            this.outboxCapacity = outboxCapacity;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        /** Where and how to keep data: {@code store} as above, the SQLite file in {@code dataDir}. */
        public Builder store(String store, Path dataDir) {
            this.store = store;
            this.dataDir = dataDir;
            return this;
        }

        public Builder replay(int replay) {
            this.replay = replay;
            return this;
        }

        public Builder retention(Retention retention) {
            this.retention = retention;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        public Builder operators(List<String> operators) {
            this.operators = operators;
            return this;
        }

        public Builder certificateCheck(Duration certificateCheck) {
            this.certificateCheck = certificateCheck;
            return this;
        }

        public Builder irc(IrcConfig irc) {
            this.irc = irc;
            return this;
        }

        public Builder web(WebConfig web) {
            this.web = web;
            return this;
        }

        public Builder cluster(ClusterConfig cluster) {
            this.cluster = cluster;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(bind, port, backlog, maxLineBytes, outboxCapacity, drainTimeout, dataDir, store,
                    replay, retention, limits, tls, operators, certificateCheck, irc, web, cluster);
        }
    }
}
