package org.causerie;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server started in-process on a free loopback port for each test, and stopped after it:
 * {@code @RegisterExtension final TestServer server = new TestServer();}.
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
    private final ServerConfig config;
    private ChatServer server;

    public TestServer() {
        this(ServerConfig.defaults());
    }

    public TestServer(ServerConfig config) {
        this.config = config.withBind("127.0.0.1").withPort(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
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

    public int port() {
        return server.port();
    }

    public ChatServer server() {
        return server;
    }

    public Wire connect() {
        return Wire.greeted(port());
    }

    public Wire json() {
        return Wire.json(port());
    }
}
