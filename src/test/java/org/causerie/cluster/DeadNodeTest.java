package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.causerie.cluster.ModerationAcrossNodesTest.awaitWho;

import java.util.concurrent.atomic.AtomicBoolean;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.bus.Note;
import org.causerie.bus.nats.NatsBus;
import org.causerie.store.Claims;
import org.causerie.store.Entry;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node dies with a user in a room: the other nodes tell the room that user quit once the dead node's
 * lease runs out, a node started after the join too. The dead node is played by the test: a real NATS
 * connection that announces the join, a member row and a heartbeat in PostgreSQL that stop being renewed.
 */
class DeadNodeTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void theUsersOfADeadNodeQuitTheirRoomsOnEveryNodeEvenOneStartedAfterTheJoin() throws Exception {
        ChatServer one = cluster.start("one");
        var alive = new AtomicBoolean(true);
        try (Wire alice = Wire.join(one.port(), "alice"); PostgresStore store = cluster.store();
                NatsBus dead = NatsBus.connect(Cluster.NATS, store.clusterId(), "dead-node")) {
            Thread beating = Thread.ofVirtual().start(() -> { // the dead node, alive until the test says
                while (alive.get()) {
                    store.beat("dead-node", 1);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            store.claim("zombie", "gdead.1", "dead-node", Cluster.LEASE);
            store.present(new Claims.Member("#general", "zombie", "gdead.1", "dead-node"));
            dead.publish(new Note(Note.VERSION, "dead-node", Note.Kind.JOINED, "#general", 0, System.currentTimeMillis(),
                    "zombie", "", "", "", true, ""));
            alice.expect("* #general: zombie joined");

            ChatServer two = cluster.start("two"); // after the join: it never saw it
            try (Wire bob = Wire.join(two.port(), "bob")) {
                awaitWho(bob, "#general", "= #general (3): bob zombie alice");
                alive.set(false);
                beating.join();
                // within the lease and one renewal period, every node tells the room
                alice.expect("* #general: zombie quit (node dead-node lost)");
                bob.expect("* #general: zombie quit (node dead-node lost)");
                awaitWho(bob, "#general", "= #general (2): bob alice");
                // told once, by the node that swept the dead one's rows, with a place in the room's sequence:
                // a node that missed it on the bus reads it back (as any room event)
                var quits = store.roomSince("#general", 0, 1_000).stream()
                        .filter(e -> e instanceof Entry.RoomEvent q && q.kind() == Note.Kind.QUIT.code
                                && q.nick().equals("zombie"))
                        .map(e -> (Entry.RoomEvent) e).toList();
                assertThat(quits).as("the quit is a room event with its place").hasSize(1);
                assertThat(quits.getFirst().about()).isEqualTo("dead-node");
                assertThat(quits.getFirst().text()).isEqualTo("node dead-node lost");
            }
        } finally {
            alive.set(false);
        }
    }
}
