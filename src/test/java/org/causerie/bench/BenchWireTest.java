package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against a real server in-process: tiny runs whose counts must agree. */
class BenchWireTest {
    private static final Bench.Load LOAD = new Bench.Load(100, 0, 8, Duration.ofMillis(300), Duration.ofSeconds(1),
            Duration.ofSeconds(5), 1_000_000);

    @TempDir
    Path dir;
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.MEMORY, Files.createDirectories(dir.resolve("data"))).limits(Limits.NONE).build())
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aFanoutDeliversEveryMessageOfTheWindowToEveryOtherMember() throws Exception {
        Report report = Bench.fanout(common(), LOAD, 5, 2);

        assertThat(report.text("error")).isNull();
        assertThat(report.get("ok")).isEqualTo(true);
        long sent = (long) report.number("sent");
        assertThat(sent).isPositive();
        assertThat(report.number("expected")).isEqualTo(sent * 4.0);
        assertThat(report.number("missing")).isZero();
        assertThat(report.number("latency_count")).isEqualTo(sent * 4.0);
        assertThat(report.number("delivered")).isPositive();
        assertThat(report.number("delivered_per_s")).isEqualTo(report.number("delivered") / 1.0);
        assertThat(report.number("echoes_per_s")).as("Causerie echoes to the sender").isPositive();
        assertThat(report.number("latency_p50_ms")).isPositive()
                .isLessThanOrEqualTo(report.number("latency_p99_ms"));
        assertThat(report.number("latency_max_ms")).isGreaterThanOrEqualTo(report.number("latency_p999_ms"));
        assertThat(report.number("lost_connections")).isZero();
        assertThat(report.json()).startsWith("{\"scenario\":\"fanout\"").contains("\"label\":\"test\"");
    }

    @Test
    void pairsReachTheirPartnerOnly() throws Exception {
        Report report = Bench.pairs(common(), LOAD, 3);

        assertThat(report.get("ok")).isEqualTo(true);
        long sent = (long) report.number("sent");
        assertThat(sent).isPositive();
        assertThat(report.number("expected")).isEqualTo((double) sent);
        assertThat(report.number("missing")).isZero();
        assertThat(report.number("misdirected")).as("messages a bot got from another pair").isZero();
        assertThat(report.number("bots")).isEqualTo(6);
    }

    @Test
    void connectHoldsTheBotsAndCountsThem() throws Exception {
        Report report = Bench.connect(common(), 50, Duration.ofMillis(200));

        assertThat(report.get("ok")).isEqualTo(true);
        assertThat(report.number("registered")).isEqualTo(50);
        assertThat(report.number("held")).isEqualTo(50);
        assertThat(report.number("failed")).isZero();
        assertThat(report.number("connect_s")).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions() == 0); // every bot was closed
    }

    @Test
    void connectReadsTheServersMemoryAgainOnceSettled() throws Exception {
        var common = new Bench.Common("127.0.0.1", server.port(), "causerie", 20_000, Duration.ofSeconds(5), 16,
                Duration.ofSeconds(30), java.util.List.of(ProcessHandle.current().pid()), "test", null, 1);
        long start = System.nanoTime();
        Report report = Bench.connect(common, 20, Duration.ofMillis(100), Duration.ofMillis(1500));
        long took = System.nanoTime() - start;

        assertThat(report.get("ok")).isEqualTo(true);
        assertThat(report.number("rss_per_connection_bytes")).as("read after the flood").isNotNaN();
        assertThat(report.number("server_rss_settled_bytes")).as("read again once settled").isPositive();
        assertThat(report.number("rss_settled_per_connection_bytes")).isNotNaN();
        assertThat(report.number("settle_s")).isEqualTo(1.5);
        assertThat(took).as("the second reading waits for the settle time").isGreaterThanOrEqualTo(1_500_000_000L);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions() == 0);
    }

    @Test
    void settleNoLongerThanTheHoldReadsOnce() throws Exception {
        var common = new Bench.Common("127.0.0.1", server.port(), "causerie", 20_000, Duration.ofSeconds(5), 16,
                Duration.ofSeconds(30), java.util.List.of(ProcessHandle.current().pid()), "test", null, 1);
        Report report = Bench.connect(common, 10, Duration.ofMillis(200), Duration.ofMillis(100));

        assertThat(report.get("ok")).isEqualTo(true);
        assertThat(report.number("rss_per_connection_bytes")).isNotNaN();
        assertThat(report.get("rss_settled_per_connection_bytes")).isNull();
    }

    @Test
    void severalHostsShareTheBotsEvenly() throws Exception {
        try (var other = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.MEMORY, Files.createDirectories(dir.resolve("other"))).limits(Limits.NONE).build())
                .start()) {
            var common = new Bench.Common("127.0.0.1:" + server.port() + ",127.0.0.1:" + other.port(), 7777, "causerie",
                    20_000, Duration.ofSeconds(5), 16, Duration.ofSeconds(30), null, "test", null, 1);
            var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return Bench.connect(common, 40, Duration.ofSeconds(3));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> server.sessions() == 20 && other.sessions() == 20);
            Report report = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(report.get("ok")).isEqualTo(true);
            assertThat(report.number("registered")).isEqualTo(40);
            assertThat(report.text("target")).isEqualTo("127.0.0.1:" + server.port() + ",127.0.0.1:" + other.port());
        }
    }

    @Test
    void connectSpeaksTlsToTheTlsPortWhenAsked() throws Exception {
        try (var secure = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.MEMORY, Files.createDirectories(dir.resolve("tls"))).limits(Limits.NONE)
                .tls(new org.causerie.TlsConfig(0, null, null, true)).build()).start()) {
            var common = new Bench.Common("127.0.0.1", secure.tlsPort(), "causerie", 20_000, Duration.ofSeconds(5), 16,
                    Duration.ofSeconds(30), null, "test", null, 1, true);
            Report report = Bench.connect(common, 20, Duration.ofMillis(200));

            assertThat(report.get("ok")).isEqualTo(true);
            assertThat(report.number("registered")).isEqualTo(20);
            assertThat(report.number("held")).as("held to the end, not closed by the server").isEqualTo(20);
            assertThat(report.number("lost_connections")).isZero();
            assertThat(report.get("tls")).isEqualTo(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> secure.sessions() == 0);
        }
    }

    private Bench.Common common() {
        return new Bench.Common("127.0.0.1", server.port(), "causerie", 20_000, Duration.ofSeconds(5), 16,
                Duration.ofSeconds(30), null, "test", null, 1);
    }
}
