package org.causerie.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.ServerConfig;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client at a terminal (JLine on in-memory streams, as keys typed and a screen written) against a
 * real server on loopback: what it shows, and what its history file keeps.
 */
class InteractiveSessionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private ChatServer server;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private PipedOutputStream keys;
    private Thread session;

    @BeforeEach
    void start() throws IOException {
        server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.MEMORY, Path.of("unused")).build()).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (session != null) {
            session.interrupt();
            session.join(DEADLINE.toMillis());
        }
        server.stop();
    }

    private void run(Path history) throws IOException {
        keys = new PipedOutputStream();
        var in = new PipedInputStream(keys, 1 << 16);
        Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm")
                .size(new Size(200, 50)).build();
        var address = new Address("127.0.0.1", server.port());
        var options = new ClientOptions(address, null, false, false, ClientOptions.DEFAULT_LINGER, history);
        var link = ServerLink.open(address, ServerLink.CONNECT_TIMEOUT);
        session = Thread.ofPlatform().name("interactive").start(() -> {
            try (terminal) {
                new InteractiveSession(options, link).run(terminal);
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        });
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(UTF_8));
        keys.flush();
    }

    private String shown() {
        synchronized (screen) {
            return screen.toString(UTF_8);
        }
    }

    private void awaitShown(String text) {
        await().atMost(DEADLINE).until(() -> shown().contains(text));
    }

    @Test
    void passwordsAreNeverShownNorKept() throws Exception {
        Path history = dir.resolve("sub").resolve("history");
        run(history);
        awaitShown("joined");
        type("/nick ann\r");
        awaitShown("is now ann");
        type("/register\r");
        awaitShown("new password: ");
        type("first-secret\r");
        awaitShown("again: ");
        type("first-secret\r");
        awaitShown("registered ann");
        type("/logout\r");
        awaitShown("logged out");
        type("/login ann\r");
        awaitShown("password: ");
        type("first-secret\r");
        awaitShown("logged in as ann");
        type("/password first-secret second-secret\r"); // typed on the line: shown as stars
        awaitShown("password changed");
        type("/quit\r");
        session.join(DEADLINE.toMillis());

        assertThat(shown()).doesNotContain("first-secret", "second-secret").contains("/password ************");
        assertThat(Files.getPosixFilePermissions(history)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String kept = Files.readString(history);
        assertThat(kept).doesNotContain("secret").contains("/register", "/login ann", "/password", "/nick ann");
    }

    @Test
    void anExistingHistoryFileIsMadeOwnerOnly() throws Exception {
        Path history = dir.resolve("history");
        Files.writeString(history, "");
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r--r--"));
        InteractiveSession.ownerOnly(history);
        assertThat(Files.getPosixFilePermissions(history)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void twoDifferentNewPasswordsSendNothing() throws Exception {
        run(null);
        awaitShown("joined");
        type("/nick bea\r/register\r");
        awaitShown("new password: ");
        type("one-secret\r");
        awaitShown("again: ");
        type("another-secret\r");
        awaitShown("the two passwords differ: nothing was sent");
        type("/ping\r");
        awaitShown("pong");
        assertThat(shown()).doesNotContain("registered");
        type("/quit\r");
    }
}
