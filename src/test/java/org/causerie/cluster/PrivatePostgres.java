package org.causerie.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the test's own ({@code initdb} + {@code pg_ctl} from /usr/lib/postgresql/VERSION/bin)
 * in a temporary folder on a free loopback port, for the tests that stop or restart the database: the
 * machine's PostgreSQL on 5432 serves every other test. PostgreSQL refuses to run as root, so when the
 * tests run as root (CI on this machine does) every command runs as the {@code postgres} user through
 * {@code runuser}, and the folder is handed to that user. Trust authentication, fsync off: a test
 * database, fast to create (about 1 s) and thrown away.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final int WAIT_SECONDS = 30;

    private final Path folder;
    private final Path bin;
    private int port;

    private PrivatePostgres(Path folder, Path bin) {
        this.folder = folder;
        this.bin = bin;
    }

    /** The newest installed version's bin folder, or null when PostgreSQL's server is not installed. */
    static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")) && Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.comparing(dir -> Integer.parseInt(dir.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    public static boolean installed() {
        return binaries() != null;
    }

    /** Creates the cluster in {@code folder} (empty, created by the caller) and starts it. */
    static PrivatePostgres start(Path folder) {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL's server is not installed under /usr/lib/postgresql");
        }
        var postgres = new PrivatePostgres(folder, bin);
        if (ROOT) {
            postgres.run("chown", "-R", "postgres:postgres", folder.toString());
        }
        postgres.asOwner(bin.resolve("initdb").toString(), "-D", postgres.data(), "-A", "trust", "-U", "postgres",
                "--no-sync", "-E", "UTF8", "--locale", "C");
        for (int attempt = 1; ; attempt++) { // a free port may be taken before the postmaster binds it
            postgres.port = Ports.free();
            try {
                postgres.startServer();
                return postgres;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private String data() {
        return folder.resolve("data").toString();
    }

    private void startServer() {
        asOwner(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", folder.resolve("postgres.log").toString(),
                "-w", "-t", String.valueOf(WAIT_SECONDS), "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start");
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres?user=postgres}, what {@code --store} takes. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    /** A fast stop: open connections are ended, what was committed is kept. */
    public void stop() {
        asOwner(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop");
    }

    /** An immediate stop, the nearest to a crash pg_ctl offers: no checkpoint, recovery at the next start. */
    public void kill() {
        asOwner(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
    }

    /** Starts it again on the same port and data. */
    public void restart() {
        startServer();
    }

    public boolean running() {
        return Files.exists(folder.resolve("data").resolve("postmaster.pid"));
    }

    String log() {
        try {
            return Files.readString(folder.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops it if it runs; the caller removes the folder. */
    @Override
    public void close() {
        if (running()) {
            try {
                kill();
            } catch (AssertionError e) {
                // already gone: its pid file was stale
            }
        }
    }

    private void asOwner(String... command) {
        var full = new ArrayList<String>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(WAIT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
