package org.causerie.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin port: /metrics in the Prometheus text format, with values that move; /healthz and /readyz. */
class MetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().web(WebConfig.httpOnly().withAdmin(0)).build());

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().adminPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample whose name and labels are exactly {@code series}, or 0 if it is absent. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(
                line -> Double.parseDouble(line.substring(series.length() + 1).trim())).findFirst().orElse(0);
    }

    @Test
    void metricsMoveWhenMessagesFlowAndPassPromtool() throws Exception {
        String before = get("/metrics").body();
        try (var alice = Wire.greeted(server.port()); var bob = Wire.greeted(server.port())) {
            for (int i = 0; i < 5; i++) {
                alice.send("hello " + i);
            }
            bob.expect(line -> line.endsWith("> hello 4"));
            alice.send("/nosuchcommand");
            alice.expect(line -> line.startsWith("! unknown-command"));
            var response = get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            String after = response.body();
            assertThat(value(after, "causerie_messages_accepted_total{kind=\"room\"}")
                    - value(before, "causerie_messages_accepted_total{kind=\"room\"}")).isEqualTo(5);
            assertThat(value(after, "causerie_deliveries_total") - value(before, "causerie_deliveries_total"))
                    .isGreaterThanOrEqualTo(10); // five messages, two members at least
            assertThat(value(after, "causerie_command_errors_total{code=\"unknown-command\"}")
                    - value(before, "causerie_command_errors_total{code=\"unknown-command\"}")).isEqualTo(1);
            assertThat(value(after, "causerie_connections{door=\"line\"}")).isEqualTo(2);
            assertThat(value(after, "causerie_sessions")).isEqualTo(2);
            assertThat(after).contains("causerie_journal_commit_seconds_bucket", "causerie_journal_group_size_bucket",
                    "jvm_memory_used_bytes", "process_cpu_usage");
            assertThat(value(after, "causerie_journal_commit_seconds_count")).isGreaterThan(0);
            check(after);
        }
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        var ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    /**
     * {@code promtool check metrics} from Debian's prometheus package: the text must parse (promtool says
     * "error while linting" when it does not), and none of its lint findings may be about our metrics
     * (it finds two in Micrometer's JVM binders, process_cpu_time_ns_total and system_cpu_count, and this
     * promtool cannot turn its lint off).
     */
    private static void check(String metrics) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(PROMTOOL)).as("promtool (apt-get install prometheus; .ci/run installs it)").isTrue();
        var process = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("promtool's findings").doesNotContain("error");
        assertThat(out.lines()).as("promtool's findings").noneMatch(line -> line.startsWith("causerie_"));
        assertThat(out.lines().filter(line -> !line.isBlank())).as("promtool's findings")
                .allMatch(line -> line.startsWith("process_cpu_time_ns_total ") || line.startsWith("system_cpu_count "));
    }
}
