package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15, docs/concurrency.md: a plain TCP connection with nothing to read holds no thread and no read
 * buffer, on the line door and the IRC door; it still answers at once when it speaks again. Threads are
 * counted in a thread dump that includes virtual threads (named {@code conn-N}, {@code irc-N} by the
 * connections while they run).
 */
class IdleConnectionTest {
    private static final int CLIENTS = 40;

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
            .irc(new IrcConfig(0, "irc.test")).build());

    /** The reader threads of connections alive now, by name, from a dump that lists virtual threads too. */
    private static List<String> readerThreads() throws IOException {
        return threadsNamed("(conn|irc)-\\d+");
    }

    /** The threads alive now whose whole name matches {@code regex}, virtual ones included. */
    static List<String> threadsNamed(String regex) throws IOException {
        Matcher names = Pattern.compile("\"name\": \"(" + regex + ")\"").matcher(threadDump());
        var found = new ArrayList<String>();
        while (names.find()) {
            found.add(names.group(1));
        }
        return found;
    }

    /** A thread dump in JSON that lists virtual threads too, with their stacks. */
    static String threadDump() throws IOException {
        Path dump = Files.createTempFile("threads", ".json");
        Files.delete(dump);
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return Files.readString(dump);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    @Test
    void idleConnectionsHoldNoThreadAndNoBufferAndStillAnswer() throws IOException {
        var clients = new ArrayList<Wire>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Wire wire = Wire.connect(server.port());
                wire.expect(line -> line.startsWith("- welcome"));
                wire.send("/ping").expect("= pong");
                clients.add(wire);
            }
            Wire irc = Wire.connect(server.server().ircPort());
            clients.add(irc);
            irc.sendRaw("NICK ann\r\nUSER ann 0 * :Ann\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            irc.expect(line -> line.startsWith(":irc.test 422 "));

            await().atMost(Wire.TIMEOUT).until(() -> readerThreads().isEmpty() && Buffers.lent() == 0);

            clients.get(7).send("/ping").expect("= pong");
            irc.sendRaw("PING :again\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            irc.expect(line -> line.endsWith(" :again"));
            await().atMost(Wire.TIMEOUT).until(() -> readerThreads().isEmpty() && Buffers.lent() == 0);
        } finally {
            clients.forEach(Wire::close);
        }
    }

    @Test
    void aClientThatLeavesWhileIdleIsSeenToLeave() {
        try (Wire watcher = Wire.join(server.port(), "watcher")) {
            Wire leaver = Wire.join(server.port(), "leaver");
            watcher.expect(Wire.arrivalOf("leaver"));
            leaver.close(); // its connection waits on readiness: the end of stream must still wake it
            watcher.expect("* #general: leaver quit (connection closed by peer)");
        }
    }
}
