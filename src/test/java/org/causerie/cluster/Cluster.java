package org.causerie.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.causerie.ChatServer;
import org.causerie.ClusterConfig;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Nodes of one cluster, in this JVM, each a whole {@link ChatServer} with its own NATS connection, all
 * on a PostgreSQL database of their own made for the test (on 127.0.0.1:5432) and the machine's NATS
 * (127.0.0.1:4222). The database is dropped after the test; the cluster's bus subject comes from it, so
 * that concurrent runs never hear each other. Without NATS or PostgreSQL there, the tests are skipped,
 * unless CAUSERIE_REQUIRE_CLUSTER=true (then they fail).
 */
public final class Cluster implements BeforeEachCallback, AfterEachCallback {
    static final String NATS = "nats://127.0.0.1:4222";
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    /** How often a node compares its rooms with the store, in tests. */
    static final Duration CHECK = Duration.ofMillis(300);
    /** How long a node's nickname claims outlast it, in tests. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private final List<ChatServer> nodes = new ArrayList<>();
    private String database;
    private Path data;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        for (int port : new int[] {4222, 5432}) {
            try (var probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException e) {
                String what = port == 4222 ? "NATS" : "PostgreSQL";
                if ("true".equals(System.getenv("CAUSERIE_REQUIRE_CLUSTER"))) {
                    throw new IllegalStateException(what + " not reachable at 127.0.0.1:" + port
                            + ", and CAUSERIE_REQUIRE_CLUSTER=true", e);
                }
                org.junit.jupiter.api.Assumptions.abort(what + " not reachable at 127.0.0.1:" + port + ": cluster tests skipped");
            }
        }
        database = "causerie_cluster_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        admin("CREATE DATABASE " + database);
        data = Files.createTempDirectory("causerie-cluster");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        nodes.forEach(ChatServer::stop);
        nodes.clear();
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres";
    }

    /** Starts a node named {@code name} on a free port, with an IRC door on another (its server name {@code irc.test}). */
    ChatServer start(String name) {
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(url(), data).limits(Limits.NONE)
                .cluster(new ClusterConfig(NATS, name, CHECK, LEASE)).irc(new org.causerie.IrcConfig(0, "irc.test")).build();
        try {
            ChatServer node = ChatServer.create(config).start();
            nodes.add(node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a node (gracefully), as for an upgrade. */
    void stop(ChatServer node) {
        node.stop();
        nodes.remove(node);
    }

    /** A store on the cluster's database, for the test to read what was committed (or commit behind the nodes' backs). */
    PostgresStore store() {
        return PostgresStore.open(url());
    }

    private static void admin(String sql) {
        try (var connection = java.sql.DriverManager.getConnection(ADMIN); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
