package org.causerie;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server started in-process on a free loopback port for each test, and stopped after it:
 * {@code @RegisterExtension final TestServer server = new TestServer();}. It stores in a real SQLite
 * database in a fresh temporary directory, kept across {@link #restart()} and deleted after the test.
 *
 * <p>With {@code -Dcauserie.test.store=postgres}, a server configured for SQLite stores in PostgreSQL
 * instead (127.0.0.1:5432, database {@code test}, user {@code postgres}), in a fresh schema per test,
 * dropped after it: the same wire tests, run on the other backend (.ci/run does, see docs/testing.md).
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
    private final ServerConfig base;
    private Path dataDir;
    private ServerConfig config;
    private ChatServer server;
    /** The PostgreSQL schema of this test, when the wire suite runs on PostgreSQL; null otherwise. */
    private String schema;

    /** The wire suite's backend: {@code -Dcauserie.test.store=postgres}, or SQLite. */
    public static final boolean POSTGRES = "postgres".equals(System.getProperty("causerie.test.store"));
    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static void postgres(String ddl) {
        try (var connection = java.sql.DriverManager.getConnection(POSTGRES_URL);
                var statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(ddl + ": " + e.getMessage(), e);
        }
    }

    public TestServer() {
        this(ServerConfig.defaults());
    }

    public TestServer(ServerConfig config) {
        this.base = config.toBuilder().bind("127.0.0.1").port(0).build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        try {
            dataDir = Files.createTempDirectory("causerie-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!base.store().equals(ServerConfig.SQLITE)) {
            config = base;
        } else if (POSTGRES) {
            schema = "causerie_wire_" + java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextLong());
            postgres("CREATE SCHEMA " + schema);
            config = base.toBuilder().store(POSTGRES_URL + "&currentSchema=" + schema, dataDir).build();
        } else {
            config = base.toBuilder().store(ServerConfig.SQLITE, dataDir).build();
        }
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
        if (schema != null) {
            postgres("DROP SCHEMA " + schema + " CASCADE");
            schema = null;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void start() {
        try {
            server = ChatServer.create(config).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Stops the server and starts a new one on the same data (on another free port). */
    public void restart() {
        stop();
        start();
    }

    public int port() {
        return server.port();
    }

    public ChatServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The admission every door counts against (for tests outside this package). */
    public org.causerie.net.Admission admission() {
        return server.admission();
    }

    public ServerConfig config() {
        return config;
    }

    public Wire connect() {
        return Wire.greeted(port());
    }

    public Wire json() {
        return Wire.json(port());
    }

    /** A line user registers {@code nick} with {@code password}, then leaves: the account exists, nobody holds it. */
    public void registerAway(String nick, String password) {
        try (Wire wire = connect()) {
            wire.send("/nick " + nick);
            wire.expect(line -> line.endsWith("is now " + nick));
            String reply = wire.ask("/register " + password);
            if (!reply.startsWith("= registered")) {
                throw new AssertionError("registering " + nick + ": " + reply);
            }
            wire.send("/quit");
            wire.awaitClose(); // the nickname is free once the server has closed
        }
    }
}
