package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.causerie.store.Entry.RoomMessage;
import org.causerie.store.jdbc.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store open() {
        return SqliteStore.open(dir.resolve("data"));
    }

    @Test
    void theDatabaseIsOneFileInWalModeInADirectoryMadeForIt() throws Exception {
        Path nested = dir.resolve("a/b/c");
        try (Store other = SqliteStore.open(nested)) {
            other.createAccount("x", "h");
            Path file = nested.resolve(SqliteStore.FILE);
            assertThat(file).isRegularFile();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                    ResultSet mode = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.next()).isTrue();
                assertThat(mode.getString(1)).isEqualTo("wal");
            }
        }
    }

    /**
     * A child JVM appends one message per transaction and prints each id once append has returned; it
     * is killed with SIGKILL in mid-stream, and every id it printed must be in the database. The child
     * runs on this JVM's own java (java.home), with this test's class path.
     */
    @Test
    void whatWasCommittedSurvivesAKilledProcess() throws Exception {
        Path data = dir.resolve("killed");
        Path errors = dir.resolve("child-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:off",
                "-cp", System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(), data.toString(), "1000000")
                .redirectError(errors.toFile())
                .start();
        var printed = new LinkedBlockingQueue<Long>();
        Thread reader = Thread.ofPlatform().name("child-stdout").daemon().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    printed.add(Long.parseLong(line.strip()));
                }
            } catch (IOException | NumberFormatException e) {
                // the stream ends when the child dies; what was read is in the queue
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (printed.size() < 200 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(printed.size()).as("ids printed before the kill; child stderr: %s", Files.exists(errors)
                    ? Files.readString(errors) : "").isGreaterThanOrEqualTo(200);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child gone").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        List<Long> committed = List.copyOf(printed);
        long last = committed.getLast();
        try (Store reopened = SqliteStore.open(data)) {
            assertThat(reopened.lastRoomId(AppendUntilKilled.ROOM)).isGreaterThanOrEqualTo(last);
            List<Long> stored = reopened.roomAfter(AppendUntilKilled.ROOM, 0, (int) last).messages().stream()
                    .map(RoomMessage::id).toList();
            assertThat(stored).containsAll(committed);
        }
    }
}
