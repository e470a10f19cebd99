package org.causerie.store.jdbc;

import static org.causerie.store.jdbc.Database.query;
import static org.causerie.store.jdbc.Database.update;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.OwnerOnly;
import org.causerie.store.StoreException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConfig.JournalMode;
import org.sqlite.SQLiteConfig.SynchronousMode;
import org.sqlite.SQLiteConfig.TransactionMode;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded default: one file, {@value #FILE}, in the server's data directory.
 *
 * <p>Durability. WAL journal with {@code synchronous=NORMAL}: a commit appends the transaction to the
 * WAL file with write(2) before it returns, but syncs to the disk only at checkpoints. What write(2)
 * was given is the kernel's, not the process's, so a killed process (kill -9, an OOM kill) loses
 * nothing committed; only a power cut or a kernel crash can lose the last commits, and even then the
 * database stays consistent. {@code synchronous=FULL} would add an fsync to every commit for that.
 *
 * <p>Writes. SQLite takes one writer at a time, so the store does not let its writers compete for the
 * file: every write goes through one connection, the only one in the write pool, and waits its turn
 * for it in Java (bounded by the pool's connection timeout) instead of in SQLite's busy handler,
 * which sleeps and retries. Its transactions begin IMMEDIATE: they take the write lock at BEGIN, so
 * a second process on the file makes them wait (busy_timeout) rather than fail when a read would turn
 * into a write. Reads use a pool of their own: in WAL mode they see the last commit and neither wait
 * for the writer nor hold it up.
 */
public final class SqliteStore extends JdbcStore {
    public static final String FILE = "causerie.db";
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int READERS = 4;

    private SqliteStore(Database database) {
        super(database);
    }

    /**
     * Opens (creating the directory and the file as needed) and migrates the database in {@code dataDir}.
     * Before a migration changes an existing database, a copy of it as it was is kept beside it, as
     * {@code causerie.db.bak-VERSION} (VERSION: the schema's version before the migration), so that an
     * upgrade that goes wrong can be undone by putting the copy back under the old version.
     */
    public static SqliteStore open(Path dataDir) {
        return open(dataDir, "classpath:db/sqlite");
    }

    static SqliteStore open(Path dataDir, String... migrations) {
        writable(dataDir);
        String url = "jdbc:sqlite:" + dataDir.resolve(FILE).toAbsolutePath();
        // Flyway on a plain data source, before the pools: it needs no pool, and must not wait for one.
        SQLiteDataSource migrating = dataSource(url, TransactionMode.IMMEDIATE);
        Database.migrate(migrating, version -> backup(migrating, dataDir, version), migrations);
        HikariDataSource writes = pool("causerie-sqlite-write", 1, dataSource(url, TransactionMode.IMMEDIATE));
        try {
            HikariDataSource reads = pool("causerie-sqlite-read", READERS, dataSource(url, TransactionMode.DEFERRED));
            return new SqliteStore(new Database(reads, writes));
        } catch (RuntimeException e) {
            writes.close();
            throw e;
        }
    }

    /**
     * Creates the data directory as needed and checks that files can be made in it, in one clear line. The
     * database holds password hashes: folder and file are owner-only (SQLite gives its -wal and -shm the
     * same mode).
     */
    private static void writable(Path dataDir) {
        try {
            OwnerOnly.folder(dataDir);
            Files.delete(Files.createTempFile(dataDir, ".causerie-write-test", null));
            OwnerOnly.file(dataDir.resolve(FILE));
        } catch (AccessDeniedException e) {
            throw new StoreException("permission denied: " + dataDir.toAbsolutePath(), e);
        } catch (FileSystemException e) {
            // EPERM (an immutable directory) and EROFS (a read-only mount) are refusals too
            String reason = String.valueOf(e.getReason());
            if (reason.contains("not permitted") || reason.contains("Read-only")) {
                throw new StoreException("permission denied: " + dataDir.toAbsolutePath() + " (" + reason + ")", e);
            }
            throw new StoreException("cannot use data directory " + dataDir.toAbsolutePath() + ": " + reason, e);
        } catch (IOException e) {
            throw new StoreException("cannot use data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the database, as it is before a migration, to {@code causerie.db.bak-VERSION}. VACUUM INTO
     * makes a consistent copy that includes what is still in the WAL (a copy of the file alone would not).
     * A copy left by an earlier attempt at the same migration is replaced: migrations are transactional,
     * so the database was not changed by that attempt.
     */
    static void backup(SQLiteDataSource dataSource, Path dataDir, String version) {
        Path copy = dataDir.resolve(FILE + ".bak-" + version).toAbsolutePath();
        try (Connection connection = dataSource.getConnection();
                var statement = connection.prepareStatement("VACUUM INTO ?")) {
            Files.deleteIfExists(copy);
            OwnerOnly.file(copy); // a copy of the password hashes too: owner-only; VACUUM INTO fills an empty file
            statement.setString(1, copy.toString());
            statement.execute();
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot keep a copy of the database before migrating it (" + copy + "): "
                    + e.getMessage() + "; nothing was migrated", e);
        }
        LoggerFactory.getLogger(SqliteStore.class).info("store_backup_before_migration version={} copy={}",
                version, copy);
    }

    private static SQLiteDataSource dataSource(String url, TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(JournalMode.WAL); // recorded in the file; a no-op once it is WAL
        config.setSynchronous(SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(mode);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    private static HikariDataSource pool(String name, int size, SQLiteDataSource dataSource) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setMaxLifetime(0); // a file does not go stale: no reason to reopen connections
        config.setConnectionTimeout(BUSY_TIMEOUT_MILLIS * 3L);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Select, then delete, in one write transaction: it holds the database's only write lock from its
     * BEGIN IMMEDIATE to its commit, so no other taker, in this process or another, can read the
     * queue in between, and nothing can join the queue between the select and the delete.
     */
    @Override
    List<PrivateMessage> takeQueued(Connection connection, long accountId) throws SQLException {
        List<PrivateMessage> queued = query(connection, """
                SELECT p.conversation, p.id, p.ts, p.sender, p.recipient, p.text
                FROM offline o JOIN private_messages p ON p.conversation = o.conversation AND p.id = o.id
                WHERE o.account_id = ? ORDER BY o.seq""", Rows::privateMessage, accountId);
        if (!queued.isEmpty()) {
            update(connection, "DELETE FROM offline WHERE account_id = ?", accountId);
        }
        return queued;
    }
}
