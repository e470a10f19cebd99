package org.causerie;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server started in-process on a free loopback port for each test, and stopped after it:
 * {@code @RegisterExtension final TestServer server = new TestServer();}. It stores in a real SQLite
 * database in a fresh temporary directory, kept across {@link #restart()} and deleted after the test.
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
    private final ServerConfig base;
    private Path dataDir;
    private ServerConfig config;
    private ChatServer server;

    public TestServer() {
        this(ServerConfig.defaults());
    }

    public TestServer(ServerConfig config) {
        this.base = config.toBuilder().bind("127.0.0.1").port(0).build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        try {
            dataDir = Files.createTempDirectory("causerie-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = base.store().equals(ServerConfig.SQLITE) ? base.toBuilder().store(ServerConfig.SQLITE, dataDir).build() : base;
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void start() {
        try {
            server = ChatServer.create(config).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Stops the server and starts a new one on the same data (on another free port). */
    public void restart() {
        stop();
        start();
    }

    public int port() {
        return server.port();
    }

    public ChatServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ServerConfig config() {
        return config;
    }

    public Wire connect() {
        return Wire.greeted(port());
    }

    public Wire json() {
        return Wire.json(port());
    }
}
