package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.causerie.cluster.ModerationAcrossNodesTest.awaitWho;

import java.time.Duration;

import java.util.HashSet;
import org.causerie.Wire;
import org.causerie.chat.Hub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes as separate JVMs: one killed (SIGKILL) with users in rooms, whose quits every node tells, a node
 * started after their joins too; one cut off from PostgreSQL, which ends its sessions before its lease
 * runs out, so that no name is served by two nodes.
 */
class NodeLossTest {
    /** A short lease, so that a dead node's users are let go within the wires' 10 s. */
    private static final String LEASE = "3";

    @RegisterExtension
    final Fleet fleet = new Fleet();

    @BeforeEach
    void needs() {
        Services.assumeClusterNodes();
        Services.assumeNatsBinary();
    }

    @Test
    void aKilledNodesUsersQuitTheirRoomsOnANodeStartedAfterTheyJoined() {
        Services.assumeSharedPostgres();
        NatsServer nats = fleet.nats();
        SharedDatabase database = fleet.database();
        Node a = fleet.node("a", Fleet.options(nats.url(), database.url(), "a", "--cluster-lease", LEASE));
        try (Wire alice = Wire.join(a.port(), "alice")) {
            alice.send("/join #den").expect("* #den: alice joined");
            Node b = fleet.node("b", Fleet.options(nats.url(), database.url(), "b", "--cluster-lease", LEASE)); // after alice's joins
            try (Wire bob = Wire.join(b.port(), "bob")) {
                bob.send("/join #den").expect("* #den: bob joined");
                awaitWho(bob, "#den", "= #den (2): bob alice");
                a.kill();
                var told = new HashSet<String>();
                for (int i = 0; i < 2; i++) {
                    told.add(bob.expect(line -> line.matches("\\* #(den|general): alice quit \\(node a lost\\)")));
                }
                assertThat(told).containsExactlyInAnyOrder("* #den: alice quit (node a lost)",
                        "* #general: alice quit (node a lost)");
                awaitWho(bob, "#den", "= #den (1): bob");
            }
        }
    }

    @Test
    void aNodeCutOffFromPostgresEndsItsSessionsBeforeItsLeaseRunsOut() {
        Services.assumePostgresBinaries();
        NatsServer nats = fleet.nats();
        PrivatePostgres postgres = fleet.postgres();
        Node a = fleet.node("a", Fleet.options(nats.url(), postgres.url(), "a", "--cluster-lease", LEASE));
        Node b = fleet.node("b", Fleet.options(nats.url(), postgres.url(), "b", "--cluster-lease", LEASE));
        try (Wire alice = Wire.join(a.port(), "alice")) {
            postgres.stop();
            long stopped = System.nanoTime();
            alice.expect("- " + Hub.LEASE_LOST);
            long took = (System.nanoTime() - stopped) / 1_000_000;
            // the claims were last renewed at most a third of a lease before the stop: told within the lease
            assertThat(took).as("ms from the database's stop to the notice").isLessThan(3_000);
            alice.awaitEnd();
            postgres.restart();
            // the name is free once node a renewed again (and dropped the claim it could not release) or
            // its lease ran out; a first write after a restart may wait for the pool (HikariCP's 30 s)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (Wire again = Wire.connect(b.port())) {
                    again.expect(line -> line.startsWith("- welcome"));
                    again.send("/nick alice");
                    return again.expect(line -> line.startsWith("! ") || line.endsWith(" now alice")).endsWith("alice");
                } catch (AssertionError slow) { // no answer within the wire's 10 s: ask again
                    return false;
                }
            });
        }
    }
}
