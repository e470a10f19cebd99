package org.causerie.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.causerie.store.StoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The connections of a store and the one way to use them: reads run in autocommit mode on the read
 * pool; writes run one transaction each on the write pool (the same pool for PostgreSQL, a pool of one
 * connection for SQLite, which has one writer anyway). A failure becomes a {@link StoreException}.
 *
 * <p>Every value reaches the database as a PreparedStatement parameter, through {@link Rows#bind}:
 * SQL text is never built from data.
 */
final class Database implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);

    /** One unit of work on a connection; within {@link #write}, one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final HikariDataSource reads;
    private final HikariDataSource writes;

    Database(HikariDataSource reads, HikariDataSource writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /** Applies the versioned migrations found at {@code locations} that the database lacks. */
    static void migrate(DataSource dataSource, String... locations) {
        migrate(dataSource, version -> { }, locations);
    }

    /**
     * Applies the migrations the database lacks; when there are some and the database already has a
     * schema, {@code before} is first given the schema's version (to keep a copy of the database as it was).
     */
    static void migrate(DataSource dataSource, Consumer<String> before, String... locations) {
        try {
            Flyway flyway = Flyway.configure().dataSource(dataSource).locations(locations)
                    .failOnMissingLocations(true).load();
            MigrationInfoService info = flyway.info();
            if (info.pending().length > 0 && info.current() != null) {
                before.accept(info.current().getVersion().getVersion());
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException("migrating the schema failed: " + e.getMessage(), e);
        }
    }

    <T> T read(String what, Work<T> work) {
        try (Connection connection = reads.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns, rolled back when it throws.
     * It commits by turning autocommit back on (JDBC commits then), not with commit(): sqlite-jdbc's
     * commit() begins the next transaction at once, which takes the write lock again and could fail,
     * waiting for another process, after the commit had succeeded.
     *
     * <p>A pooled connection the database closed (it restarted: every pooled connection is dead, and a
     * recently used one is handed out unchecked) fails the work before it commits. The transaction then
     * never happened, so it is run again, once, on a new connection after the pool dropped its idle ones:
     * otherwise each stale connection would refuse one more write after the database is back. A failure
     * while committing is never retried: the commit may have happened.
     */
    <T> T write(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            boolean[] committing = {false};
            try {
                return transaction(work, committing);
            } catch (SQLException e) {
                if (attempt < WRITE_ATTEMPTS && !committing[0] && lostConnection(e)) {
                    log.warn("store_connection_lost what={} attempt={} state={}: retrying on a new connection", what,
                            attempt, e.getSQLState());
                    writes.getHikariPoolMXBean().softEvictConnections();
                    continue;
                }
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Tries of one write whose connection turned out closed before it committed (see {@link #write}). */
    private static final int WRITE_ATTEMPTS = 2;

    private <T> T transaction(Work<T> work, boolean[] committing) throws SQLException {
        try (Connection connection = writes.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                committing[0] = true;
                connection.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /**
     * Whether {@code e} says the connection itself is gone (SQLSTATE class 08, or 57P01-57P03: the server
     * shut down or is starting), rather than the statement being refused; looks through causes and the
     * next exceptions of a batch.
     */
    static boolean lostConnection(Throwable e) {
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (e instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
                if (sql.getNextException() != null && sql.getNextException() != e && lostConnection(sql.getNextException())) {
                    return true;
                }
            }
            e = e.getCause();
        }
        return false;
    }

    static <T> List<T> query(Connection connection, String sql, Rows.Reader<T> reader, Object... values)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Rows.bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
                var result = new ArrayList<T>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        }
    }

    /** The number an aggregate query returns (it always yields one row). */
    static long number(Connection connection, String sql, Object... values) throws SQLException {
        return query(connection, sql, row -> row.getLong(1), values).getFirst();
    }

    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Rows.bind(statement, values);
            return statement.executeUpdate();
        }
    }

    /** Closes both pools and their connections (SQLite checkpoints its WAL as the last one closes). */
    @Override
    public void close() {
        reads.close();
        writes.close();
    }
}
