package org.causerie.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private {@code nats-server -js} (the machine's /usr/sbin/nats-server) on free loopback ports with
 * its own JetStream folder, for the tests that stop or restart NATS: the machine's NATS on 4222 is
 * shared by every other test and must not go down. A restart keeps the ports and the folder, so that
 * clients reconnect to the same address and JetStream finds its streams again.
 */
public final class NatsServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/nats-server");
    private static final Duration START = Duration.ofSeconds(15);

    private final Path storeDir;
    private final Path log;
    private int port;
    private int monitorPort;
    private Process process;

    private NatsServer(Path storeDir) {
        this.storeDir = storeDir;
        this.log = storeDir.resolve("nats-server.log");
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts it in {@code folder} (its JetStream store and log); returns once it accepts connections. */
    static NatsServer start(Path folder) {
        var nats = new NatsServer(folder);
        for (int attempt = 1; ; attempt++) { // a free port may be taken before nats-server binds it
            nats.port = Ports.free();
            nats.monitorPort = Ports.free();
            if (nats.launch() || attempt == 3) {
                break;
            }
        }
        if (!nats.process.isAlive()) {
            throw new AssertionError("nats-server did not start: " + nats.logText());
        }
        return nats;
    }

    private boolean launch() {
        try {
            process = new ProcessBuilder(List.of(BINARY.toString(), "-a", "127.0.0.1", "-p", String.valueOf(port),
                    "-m", String.valueOf(monitorPort), "-js", "-sd", storeDir.toString(), "-l", log.toString()))
                    .redirectErrorStream(true).redirectOutput(storeDir.resolve("nats-server.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Deadline.await(START, () -> !process.isAlive() || Ports.open(port)) && process.isAlive();
    }

    /** {@code nats://127.0.0.1:PORT}, what {@code --cluster} takes. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The HTTP monitoring port ({@code /varz} counts {@code in_msgs}). */
    public int monitorPort() {
        return monitorPort;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM: nats-server closes its clients and flushes JetStream. Waits for its end. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL: gone at once, as on a crash. Waits for its end. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same ports and folder, after {@link #stop} or {@link #kill}. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("nats-server is still running");
        }
        // the port was ours a moment ago; a socket left in TIME_WAIT does not stop a listener from binding
        if (!launch()) {
            throw new AssertionError("nats-server did not start again on " + port + ": " + logText());
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
