package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.WebConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code causerie bench --protocol ws}: the load generator over the WebSocket door, counts that must agree. */
class BenchWsTest {
    private static final Bench.Load LOAD = new Bench.Load(100, 0, 8, Duration.ofMillis(300), Duration.ofSeconds(1),
            Duration.ofSeconds(5), 1_000_000);

    @TempDir
    Path dir;
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.MEMORY, Files.createDirectories(dir.resolve("data"))).limits(Limits.NONE)
                .web(WebConfig.httpOnly()).build()).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aFanoutOverTheWebSocketDeliversEveryMessageToEveryOtherMember() throws Exception {
        Report report = Bench.fanout(common(), LOAD, 5, 2);

        assertThat(report.text("error")).isNull();
        assertThat(report.get("ok")).isEqualTo(true);
        long sent = (long) report.number("sent");
        assertThat(sent).isPositive();
        assertThat(report.number("expected")).isEqualTo(sent * 4.0);
        assertThat(report.number("missing")).isZero();
        assertThat(report.number("latency_count")).isEqualTo(sent * 4.0);
        assertThat(report.number("lost_connections")).isZero();
        assertThat(report.json()).contains("\"protocol\":\"ws\"");
    }

    @Test
    void privateMessagesOverTheWebSocketReachTheirPartnerOnly() throws Exception {
        Report report = Bench.pairs(common(), LOAD, 3);

        assertThat(report.get("ok")).isEqualTo(true);
        assertThat(report.number("sent")).isPositive();
        assertThat(report.number("missing")).isZero();
    }

    @Test
    void connectHoldsWebSocketsAndClosesThem() throws Exception {
        Report report = Bench.connect(common(), 50, Duration.ofMillis(200));

        assertThat(report.get("ok")).isEqualTo(true);
        assertThat(report.number("registered")).isEqualTo(50);
        assertThat(report.number("failed")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions() == 0);
    }

    private Bench.Common common() {
        return new Bench.Common("127.0.0.1", server.httpPort(), "ws", 20_000, Duration.ofSeconds(5), 16,
                Duration.ofSeconds(30), null, "test", null, 1);
    }
}
