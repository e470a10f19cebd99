package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench run against a server with its limits on measures the limits, not the server: it must say so and
 * fail, rather than report figures and "ok". The same runs pass against the same server without limits.
 */
class BenchLimitedTest {
    /** As fast as the windows allow: far beyond 5 lines a second. */
    private static final Bench.Load FLOOD = new Bench.Load(100, 0, 8, Duration.ofMillis(300), Duration.ofSeconds(1),
            Duration.ofSeconds(5), 1_000_000);

    @TempDir
    Path dir;

    private ChatServer start(Limits limits) throws Exception {
        return ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.MEMORY, Files.createDirectories(dir.resolve("data"))).limits(limits).build()).start();
    }

    private static Bench.Common common(ChatServer server) {
        return new Bench.Common("127.0.0.1", server.port(), "causerie", 20_000, Duration.ofSeconds(5), 16,
                Duration.ofSeconds(30), null, "test", null, 1);
    }

    @Test
    void aRateLimitedFanoutSaysTheServerIsLimitingIt() throws Exception {
        try (var server = start(Limits.builder().rate(10, 5).build())) {
            Report report = Bench.fanout(common(server), FLOOD, 4, 2);

            assertThat(report.get("ok")).isEqualTo(false);
            assertThat(report.text("error")).startsWith("the server is limiting this load: start it with --no-limits")
                    .contains("sending too fast");
            assertThat(report.number("limited")).isPositive();
        }
    }

    @Test
    void connectionsBeyondThePerAddressLimitSayTheServerIsLimitingThem() throws Exception {
        try (var server = start(Limits.builder().connections(5, java.util.List.of(), 1000).build())) {
            Report report = Bench.connect(common(server), 8, Duration.ofMillis(100));

            assertThat(report.get("ok")).isEqualTo(false);
            assertThat(report.text("error")).startsWith("the server is limiting this load: start it with --no-limits")
                    .contains("too-many-connections");
        }
    }

    @Test
    void withoutLimitsTheSameRunIsOk() throws Exception {
        try (var server = start(Limits.NONE)) {
            Report report = Bench.fanout(common(server), FLOOD, 4, 2);

            assertThat(report.text("error")).isNull();
            assertThat(report.get("ok")).isEqualTo(true);
        }
    }
}
