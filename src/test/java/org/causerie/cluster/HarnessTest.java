package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster harness on today's server, before any cluster exists: nodes as separate JVMs that die by
 * SIGKILL and come back on their port, a private NATS restarted under a connected client. Each of these
 * is what a fault test of issue 12 does to a real cluster, so the harness is known to work before them.
 */
class HarnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Fleet fleet = new Fleet();

    @Test
    void twoNodesRunAsProcessesAndAKilledOneEndsItsClientsThenComesBackWithItsHistory() {
        Node a = fleet.node("a", "--store", "sqlite");
        Node b = fleet.node("b", "--store", "sqlite");
        assertThat(a.pid()).isNotEqualTo(b.pid()).isNotEqualTo(ProcessHandle.current().pid());
        try (Wire alice = Wire.join(a.port(), "alice"); Wire bob = Wire.join(b.port(), "bob")) {
            alice.send("kept by a").expect("#general <alice> kept by a");
            bob.send("kept by b").expect("#general <bob> kept by b");

            a.kill();
            assertThat(a.alive()).isFalse();
            alice.awaitEnd(); // the kernel ends the killed process's sockets: its client sees the end, not silence
            assertThat(alice.closedByServer()).isTrue();
            assertThat(bob.ask("/ping")).isEqualTo("= pong"); // the other node never noticed

            int port = a.port();
            a.restart();
            assertThat(a.port()).isEqualTo(port);
            try (Wire again = Wire.join(a.port(), "alice")) {
                again.send("/history #general");
                again.expect(line -> line.endsWith("<alice> kept by a"));
            }
        }
    }

    @Test
    void aPrivateNatsRestartedUnderAClientIsSeenToGoAndComeBack() throws Exception {
        Services.assumeNatsBinary();
        NatsServer nats = fleet.nats();
        List<Events> events = new CopyOnWriteArrayList<>();
        Options options = new Options.Builder().server(nats.url()).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100)).connectionListener((connection, event) -> events.add(event))
                .build();
        try (Connection client = Nats.connect(options)) {
            var received = new CopyOnWriteArrayList<String>();
            client.createDispatcher(message -> received.add(new String(message.getData(), StandardCharsets.UTF_8)))
                    .subscribe("room.general");
            client.flush(Duration.ofSeconds(5));
            client.publish("room.general", "before".getBytes(StandardCharsets.UTF_8));
            Deadline.require(LIMIT, "the message before the restart", () -> received.contains("before"));

            nats.stop();
            Deadline.require(LIMIT, "the client seeing the server go", () -> events.contains(Events.DISCONNECTED));
            assertThat(client.getStatus()).isNotEqualTo(Connection.Status.CONNECTED);

            nats.restart();
            Deadline.require(LIMIT, "the client reconnecting", () -> events.contains(Events.RECONNECTED));
            client.publish("room.general", "after".getBytes(StandardCharsets.UTF_8));
            Deadline.require(LIMIT, "the message after the restart", () -> received.contains("after"));
            assertThat(received).containsExactly("before", "after"); // core NATS: what was sent while down is not replayed
        }
    }
}
