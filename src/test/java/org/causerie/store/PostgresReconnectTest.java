package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a PostgreSQL restart does to the pool, without the restart: every connection of the store is
 * terminated by the server (as a shutdown does), and the next writes, made at once (a connection used
 * within the last half second is handed out unchecked by HikariCP), must succeed on new connections.
 * A write that failed on the first dead connection refused one message per stale connection after the
 * database was back (StoreOutageTest's "after" message, refused with store-failed).
 */
class PostgresReconnectTest {
    private static final String SERVER = PostgresStoreTest.SERVER;
    private final String schema = "causerie_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final String application = "causerie-reconnect-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private boolean created;

    @Test
    void writesRightAfterTheServerClosedEveryConnectionSucceed() throws Exception {
        Assumptions.assumeTrue(reachable(), "PostgreSQL not reachable at 127.0.0.1:5432");
        execute("CREATE SCHEMA " + schema);
        created = true;
        try (Store store = PostgresStore.open(SERVER + "&currentSchema=" + schema + "&ApplicationName=" + application)) {
            long id = 0;
            for (int round = 0; round < 5; round++) {
                store.append(List.of(message(++id)));
                assertThat(terminateAll()).as("connections of the store the server closed").isPositive();
                store.append(List.of(message(++id))); // on a pooled connection the server has just closed
                List<Entry> counted = store.appendCounted(List.of(message(0)));
                id = ((Entry.RoomMessage) counted.getFirst()).id();
            }
            assertThat(store.roomAfter("#r", 0, 100).messages()).extracting(Entry.RoomMessage::id)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, id).boxed().toList());
        }
    }

    private static Entry.RoomMessage message(long id) {
        return new Entry.RoomMessage("#r", id, Instant.ofEpochMilli(1_000 + id), "alice", "m" + id, false);
    }

    /** Terminates every backend of the store's pool and waits (bounded) until they are gone; returns how many. */
    private int terminateAll() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER);
                PreparedStatement kill = c.prepareStatement(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?");
                PreparedStatement left = c.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            kill.setString(1, application);
            int killed;
            try (ResultSet rows = kill.executeQuery()) {
                rows.next();
                killed = rows.getInt(1);
            }
            left.setString(1, application);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = left.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 0) {
                        break;
                    }
                }
            }
            return killed;
        }
    }

    private static boolean reachable() {
        try (Connection c = DriverManager.getConnection(SERVER + "&connectTimeout=5&loginTimeout=5")) {
            return c.isValid(5);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CAUSERIE_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL not reachable, and CAUSERIE_REQUIRE_POSTGRES=true", e);
            }
            return false;
        }
    }

    @AfterEach
    void drop() {
        if (created) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String ddl) {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException(ddl + ": " + e.getMessage(), e);
        }
    }
}
