package org.causerie.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.causerie.ChatServer;
import org.causerie.ServerConfig;
import org.junit.jupiter.api.Test;

/** A server that is not there: one line on stderr and status 1, or with --retry, patience. */
class UnreachableTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A loopback port that nobody listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int run(ClientOptions options, String input) throws Exception {
        return Client.run(options, false, new ByteArrayInputStream(input.getBytes(UTF_8)), out,
                new PrintStream(err, true, UTF_8));
    }

    @Test
    void aClosedPortIsOneLineOnStderrAndStatusOne() throws Exception {
        int port = closedPort();

        int status = run(ClientOptions.of(new Address("127.0.0.1", port)), "/ping\n");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(UTF_8)).isEqualTo("cannot reach 127.0.0.1:" + port + ": connection refused"
                + System.lineSeparator());
        assertThat(out.size()).isZero();
    }

    @Test
    void severalHostsAreTriedInOrderAndTheFirstThatAnswersIsUsed() throws Exception {
        int closed = closedPort();
        try (var server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.MEMORY, java.nio.file.Path.of("unused")).build()).start()) {
            var hosts = Hosts.parse(java.util.List.of("127.0.0.1:" + closed + ",127.0.0.1:" + server.port()), 7777);

            int status = run(ClientOptions.of(hosts.first()).withHosts(hosts), "/ping\n");

            assertThat(status).isZero();
            assertThat(err.toString(UTF_8)).isEqualTo("cannot reach 127.0.0.1:" + closed + ": connection refused"
                    + System.lineSeparator());
            assertThat(out.toString(UTF_8)).contains("= pong");
        }
    }

    @Test
    void whenNoHostAnswersTheLastFailureEndsTheList() throws Exception {
        int one = closedPort();
        int two = closedPort();
        var hosts = new Hosts(java.util.List.of(new Address("127.0.0.1", one), new Address("127.0.0.1", two)));

        int status = run(ClientOptions.of(hosts.first()).withHosts(hosts), "/ping\n");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(UTF_8).lines()).containsExactly("cannot reach 127.0.0.1:" + one + ": connection refused",
                "cannot reach 127.0.0.1:" + two + ": connection refused");
    }

    @Test
    void anUnknownHostIsSaidSo() throws Exception {
        int status = run(ClientOptions.of(new Address("no-such-host.invalid", 7777)), "");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(UTF_8).strip()).isEqualTo("cannot reach no-such-host.invalid:7777: unknown host");
    }

    @Test
    void withRetryItWaitsForTheServerToComeUp() throws Exception {
        int port = closedPort();
        var options = new ClientOptions(new Address("127.0.0.1", port), null, true, false,
                ClientOptions.DEFAULT_LINGER, null);
        var status = CompletableFuture.supplyAsync(() -> {
            try {
                return run(options, "/ping\nfin\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> err.toString(UTF_8).contains("connection refused; retrying in"));
        var server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(port).store(ServerConfig.MEMORY, java.nio.file.Path.of("unused")).build()).start();
        try {
            assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
        } finally {
            server.stop();
        }
        assertThat(out.toString(UTF_8).lines()).contains("= pong");
        assertThat(err.toString(UTF_8).lines())
                .allMatch(line -> line.matches("cannot reach 127\\.0\\.0\\.1:" + port
                        + ": connection refused; retrying in \\d+\\.\\d s"));
    }
}
