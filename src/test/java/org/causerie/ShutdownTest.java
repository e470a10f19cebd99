package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A graceful stop, in-process and by SIGTERM: clients are told, everything queued is written, every
 * message acknowledged to its sender is in the history afterwards, and the process exits 0.
 */
class ShutdownTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void stoppingTellsEveryClientAndWritesWhatIsQueued() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.expect("* #general: guest-2 joined");
            alice.send("last words").expect("#general <guest-1> last words");
            server.stop();
            List<String> rest = bob.awaitClose();
            assertThat(rest).contains("#general <guest-1> last words", "- the server is shutting down");
            assertThat(alice.awaitClose()).contains("- the server is shutting down");
        }
    }

    @Test
    void sigtermDuringTrafficLosesNothingAcknowledged() throws Exception {
        server.stop();
        var child = ServerProcess.start(server.dataDir());
        Process process = child.process();
        Set<String> acknowledged = new HashSet<>();
        try {
            int port = child.port();
            List<Thread> senders = new ArrayList<>();
            List<Wire> wires = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                Wire wire = Wire.json(port);
                wires.add(wire);
                int client = c;
                senders.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 1_000; i++) {
                            wire.send("c" + client + " m" + i);
                        }
                    } catch (RuntimeException closed) {
                        // the server went away mid-send: what was acknowledged is what counts
                    }
                }));
            }
            // Let traffic flow, then SIGTERM while it does.
            wires.getFirst().expect(line -> line.contains("\"text\":\"c0 m50\""));
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the server stops in bounded time").isTrue();
            assertThat(process.exitValue()).isZero();
            for (Thread sender : senders) {
                sender.join();
            }
            for (int c = 0; c < wires.size(); c++) {
                for (String line : wires.get(c).awaitClose()) {
                    if (line.contains("\"type\":\"message\"") && line.contains("\"from\":\"guest-" + (c + 1) + "\"")) {
                        acknowledged.add(Wire.json(line).get("text").asText()); // its own echo: acknowledged
                    }
                }
                wires.get(c).close();
            }
        } finally {
            process.destroyForcibly();
        }
        assertThat(acknowledged).isNotEmpty();
        server.start();
        try (Wire reader = server.json()) {
            Set<String> kept = new HashSet<>();
            long after = 0;
            while (true) { // page through everything
                reader.send("/history #general after " + after + " 500");
                int count = 0;
                while (true) {
                    JsonNode line = reader.nextJson();
                    if (line.get("type").asText().equals("reply")) {
                        break;
                    }
                    kept.add(line.get("text").asText());
                    after = line.get("id").asLong();
                    count++;
                }
                if (count < 500) {
                    break;
                }
            }
            assertThat(kept).containsAll(acknowledged);
        }
    }
}
