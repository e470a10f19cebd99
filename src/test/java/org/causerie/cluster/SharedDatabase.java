package org.causerie.cluster;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of the test's own on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust), for
 * the cluster tests that do not restart the database: created at the start, dropped (its connections
 * ended) at the end, so that nodes start on an empty store and no run sees another's rows.
 */
public final class SharedDatabase implements AutoCloseable {
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private final String name;

    private SharedDatabase(String name) {
        this.name = name;
    }

    /** Why the machine's PostgreSQL cannot be used, or null when it can. */
    static String unreachable() {
        try (var connection = DriverManager.getConnection(ADMIN_URL + "&connectTimeout=3")) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    static SharedDatabase create() {
        var database = new SharedDatabase("causerie_run_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        database.admin("CREATE DATABASE " + database.name);
        return database;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
    }

    public String name() {
        return name;
    }

    private void admin(String sql) {
        try (var connection = DriverManager.getConnection(ADMIN_URL); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops it, ending the connections a killed node may have left behind (PostgreSQL 13 and later). */
    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
