package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab I.3: a client that arrives before {@code accept} waits in the kernel's accept queue, which holds
 * 4,096 (docs/lab.md). The queue's length is what the listener asked of {@code listen()}, capped by
 * {@code net.core.somaxconn}; Linux shows it for a listening socket as its Send-Q ({@code ss -lt}), read
 * here for every door. Filling the queue instead would need an accept loop that stops, which the
 * server has no reason to offer (docs/testing.md).
 */
class ListenBacklogTest {
    @TempDir
    Path dir;

    @Test
    void everyDoorListensWithAnAcceptQueueOf4096CappedByTheKernel() throws Exception {
        int expected = Math.min(4096, somaxconn());
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir)
                .irc(new IrcConfig(0, "causerie")).web(WebConfig.httpOnly()).build();
        try (var server = ChatServer.create(config).start()) {
            assertThat(acceptQueue(server.port())).as("the line door").isEqualTo(expected);
            assertThat(acceptQueue(server.ircPort())).as("the IRC door").isEqualTo(expected);
            assertThat(acceptQueue(server.httpPort())).as("the web door").isEqualTo(expected);
        }
    }

    @Test
    void theQueueIsTheConfiguredOne() throws Exception {
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir).backlog(100).build();
        try (var server = ChatServer.create(config).start()) {
            assertThat(acceptQueue(server.port())).isEqualTo(100);
        }
    }

    private static int somaxconn() throws IOException {
        // readAllLines, not readString: on JDK 25 readString of this /proc file returned "4" (its first byte)
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).getFirst().trim());
    }

    /** The Send-Q of the socket listening on 127.0.0.1:{@code port}: for a listener, its accept queue's length. */
    private static int acceptQueue(int port) throws Exception {
        Process ss;
        try {
            ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no ss (iproute2) on this machine: " + e.getMessage());
            throw e;
        }
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String[] fields = out.trim().split("\\s+"); // LISTEN Recv-Q Send-Q Local Peer
        assertThat(fields).as("ss said: %s", out).hasSizeGreaterThanOrEqualTo(4);
        assertThat(fields[0]).isEqualTo("LISTEN");
        assertThat(fields[3]).as("the listener on 127.0.0.1 (IPv4, or IPv4-mapped on a dual-stack socket)")
                .isIn("127.0.0.1:" + port, "[::ffff:127.0.0.1]:" + port);
        return Integer.parseInt(fields[2]);
    }
}
