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
     */
    <T> T write(String what, Work<T> work) {
        try (Connection connection = writes.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
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
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
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
