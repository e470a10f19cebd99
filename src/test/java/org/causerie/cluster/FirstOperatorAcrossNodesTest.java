package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whoever opens a room runs it: in a cluster, two users opening one fresh room at the same instant on two
 * nodes make one operator, decided once in the store. Nodes in this JVM, the machine's NATS and PostgreSQL.
 */
class FirstOperatorAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 10;

    @RegisterExtension
    final Cluster cluster = new Cluster();

    /**
     * Ten times, alice on node one and bob on node two join a fresh room at once (a barrier). Each node's
     * {@code /who} marks its own member {@code @} if it made it the operator (a guest's status is not stored,
     * so a node does not know another node's guest operator): exactly one of the two must be.
     */
    @Test
    void twoUsersOpeningOneRoomOnTwoNodesAtOnceMakeOneOperator() throws Exception {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob")) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String room = "#fresh" + attempt;
                var barrier = new CyclicBarrier(2);
                var racers = new ArrayList<Thread>();
                for (Wire wire : List.of(alice, bob)) {
                    racers.add(Thread.ofVirtual().start(() -> {
                        try {
                            barrier.await(5, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        wire.send("/join " + room);
                    }));
                }
                for (Thread racer : racers) {
                    racer.join();
                }
                alice.expect("* " + room + ": alice joined");
                bob.expect("* " + room + ": bob joined");
                String[] seen = {"", ""};
                try {
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                            .until(() -> (seen[0] = alice.ask("/who " + room)).startsWith("= " + room + " (2): ")
                                    & (seen[1] = bob.ask("/who " + room)).startsWith("= " + room + " (2): "));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("/who " + room + " answered " + seen[0] + " on one, " + seen[1] + " on two", e);
                }
                int operators = (seen[0].contains("@alice") ? 1 : 0) + (seen[1].contains("@bob") ? 1 : 0);
                assertThat(operators).as("attempt %d: /who on one: %s; on two: %s", attempt, seen[0], seen[1])
                        .isEqualTo(1);
                alice.send("/part " + room);
                bob.send("/part " + room);
            }
        }
    }
}
