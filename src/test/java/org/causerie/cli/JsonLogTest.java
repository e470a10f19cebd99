package org.causerie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code causerie server --log-format json}: every line the server logs (its standard error) is one JSON
 * object, read back with Jackson, the audit log's included, with the audit pairs as fields. A server
 * process of its own, since the format is chosen once per process; a line client, a WebSocket client and
 * a SIGTERM make connection, login-failure and stop events.
 */
class JsonLogTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyLogLineIsOneJsonObjectAuditIncluded() throws Exception {
        int http;
        try (var free = new ServerSocket(0)) { // --http-port 0 turns the page off: a free port, taken at once
            http = free.getLocalPort();
        }
        Path log = dir.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.causerie.cli.Main", "server", "--bind", "127.0.0.1",
                "--port", "0", "--http-port", String.valueOf(http), "--admin-port", "0", "--data",
                dir.resolve("data").toString(), "--store", "memory", "--log-format", "json")
                .redirectError(log.toFile()).start();
        try {
            int port = awaitListening(process);
            try (Wire nc = Wire.join(port, "alice")) {
                nc.send("/login alice wrong-password");
                nc.expect(line -> line.startsWith("! "));
            }
            var open = new CountDownLatch(1);
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + http + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            open.countDown();
                            socket.request(1);
                            return null;
                        }
                    }).join();
            assertThat(open.await(10, TimeUnit.SECONDS)).as("welcomed over the WebSocket").isTrue();
            ws.sendText("/quit", true).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("\"door\":\"websocket\""));
            process.destroy(); // SIGTERM: the server stops and says so in the audit log
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }

        var events = new ArrayList<JsonNode>();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line); // throws, failing the test, on a line that is not JSON
            assertThat(event.isObject()).as("one object: %s", line).isTrue();
            assertThat(event.path("level").asText()).as("a level: %s", line).isNotEmpty();
            assertThat(event.path("loggerName").asText()).as("a logger: %s", line).isNotEmpty();
            events.add(event);
        }
        List<JsonNode> audit = events.stream().filter(e -> e.path("loggerName").asText().equals("causerie.audit")).toList();
        assertThat(audit).anyMatch(e -> e.path("formattedMessage").asText().startsWith("server_start"));
        assertThat(audit).anyMatch(e -> e.path("formattedMessage").asText().startsWith("conn_open")
                && pair(e, "door").equals("line"));
        assertThat(audit).anyMatch(e -> e.path("formattedMessage").asText().startsWith("conn_open")
                && pair(e, "door").equals("websocket"));
        assertThat(audit).anyMatch(e -> e.path("formattedMessage").asText().startsWith("login_failed"));
        assertThat(audit).anyMatch(e -> e.path("formattedMessage").asText().startsWith("server_stop"));
        assertThat(events).anyMatch(e -> e.path("formattedMessage").asText().startsWith("web_listening"));
    }

    /** An audit pair, as logback's JSON encoder writes SLF4J key-values: {@code "kvpList":[{"door":"line"}]}. */
    private static String pair(JsonNode event, String key) {
        for (JsonNode kv : event.path("kvpList")) {
            if (kv.has(key)) {
                return kv.get(key).asText();
            }
        }
        return "";
    }

    private static int awaitListening(Process process) throws IOException {
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { })); // keep the pipe drained
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the server ended before it listened");
    }
}
