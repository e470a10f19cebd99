package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a PostgreSQL server, each test in a schema of its own, made before it and
 * dropped after it. Without a server the tests are skipped, unless CAUSERIE_REQUIRE_POSTGRES=true
 * (as in CI), where a missing server is a failure.
 */
class PostgresStoreTest extends StoreContract {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** Made here of [a-z0-9_] only: a schema name cannot be a statement parameter. */
    private final String schema = "causerie_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private boolean created;

    /** Why the server cannot be used, or null when it can; found once for the class. */
    private static String unreachable;

    @BeforeAll
    static void probeServer() {
        try (Connection c = DriverManager.getConnection(SERVER + "&connectTimeout=5&loginTimeout=5")) {
            unreachable = c.isValid(5) ? null : "connection not valid";
        } catch (SQLException e) {
            unreachable = e.getMessage();
        }
        if (unreachable != null && "true".equals(System.getenv("CAUSERIE_REQUIRE_POSTGRES"))) {
            fail("PostgreSQL not reachable at 127.0.0.1:5432, and CAUSERIE_REQUIRE_POSTGRES=true: " + unreachable);
        }
    }

    @Override
    protected Store open() {
        Assumptions.assumeTrue(unreachable == null, () -> "PostgreSQL not reachable at 127.0.0.1:5432: " + unreachable);
        if (!created) {
            execute("CREATE SCHEMA " + schema);
            created = true;
        }
        return PostgresStore.open(SERVER + "&currentSchema=" + schema);
    }

    @Override
    protected void discard() {
        if (created) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * A cluster's room is opened anew by one node: a live node asking after another is told it is open there;
     * a mark goes with its own stay's close only; a dead node's mark counts for nothing.
     */
    @Test
    void aRoomIsOpenedAnewByOneNodeAndEachMarkNamesItsStay() {
        try (var store = (PostgresStore) open()) {
            var lease = java.time.Duration.ofSeconds(30);
            for (String node : new String[] {"a", "b", "c"}) {
                store.beat(node, 0);
            }
            assertThat(store.opens("#den", "a", "a1", lease)).as("open nowhere").isTrue();
            assertThat(store.opens("#DEN", "b", "b1", lease)).as("open on a").isFalse();
            store.closed("#den", "a", "a1");
            assertThat(store.opens("#den", "c", "c1", lease)).as("open on b still").isFalse();
            store.closed("#den", "b", "b0"); // the close of an earlier stay of b's: its mark of b1 stays
            store.closed("#den", "c", "c1");
            assertThat(store.opens("#den", "a", "a2", lease)).as("open on b still").isFalse();
            store.closed("#den", "b", "b1");
            store.closed("#den", "a", "a2");
            assertThat(store.opens("#den", "dead", "d1", lease)).as("open nowhere again").isTrue();
            assertThat(store.opens("#den", "a", "a3", lease)).as("a node that never beat is not alive").isTrue();
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
