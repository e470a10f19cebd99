package org.causerie.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade keeps the data as it was: before Flyway migrates an existing SQLite database, a copy of it
 * is kept as causerie.db.bak-VERSION. The "next release" here is the real migrations plus a test-only one.
 */
class SqliteBackupTest {
    private static final String RELEASED = "classpath:db/sqlite";
    private static final String NEXT = "classpath:db/sqlite-next";

    @TempDir
    Path data;

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith(SqliteStore.FILE + ".bak-")).toList();
        }
    }

    private static boolean hasTable(Path file, String table) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
                var rows = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            rows.setString(1, table);
            return rows.executeQuery().next();
        }
    }

    private static boolean hasAccount(Path file, String nick) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
                var rows = c.prepareStatement("SELECT 1 FROM accounts WHERE nick = ?")) {
            rows.setString(1, nick);
            return rows.executeQuery().next();
        }
    }

    @Test
    void aMigrationOfAnExistingDatabaseKeepsACopyOfItAsItWasFirst() throws Exception {
        try (var store = SqliteStore.open(data, RELEASED)) {
            store.createAccount("alice", "hash");
        }
        assertThat(backups()).as("a new database has nothing to keep").isEmpty();

        try (var store = SqliteStore.open(data, RELEASED, NEXT)) {
            assertThat(store.findAccount("alice")).isPresent();
        }

        assertThat(backups()).hasSize(1);
        Path copy = backups().getFirst();
        assertThat(copy.getFileName().toString()).matches("causerie\\.db\\.bak-\\d+(\\.\\d+)*");
        assertThat(hasAccount(copy, "alice")).isTrue();
        assertThat(hasTable(copy, "backup_probe")).as("the copy is from before the migration").isFalse();
        assertThat(hasTable(data.resolve(SqliteStore.FILE), "backup_probe")).isTrue();
    }

    @Test
    void withNothingToMigrateNoCopyIsMade() throws Exception {
        SqliteStore.open(data, RELEASED).close();
        SqliteStore.open(data, RELEASED).close();

        assertThat(backups()).isEmpty();
    }
}
