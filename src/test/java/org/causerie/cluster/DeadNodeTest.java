package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.bus.Note;
import org.causerie.bus.nats.NatsBus;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node dies with a user in a room: the other nodes tell the room that user quit once the dead node's
 * lease runs out. The dead node is played by the test: a real NATS connection that announces the join,
 * and a real claim that nobody renews.
 */
class DeadNodeTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void theUsersOfADeadNodeQuitTheirRoomsWhenItsLeaseRunsOut() throws Exception {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob");
                PostgresStore store = cluster.store();
                NatsBus dead = NatsBus.connect(Cluster.NATS, store.clusterId(), "dead-node")) {
            assertThat(store.claim("zombie", "gdead.1", "dead-node", Cluster.LEASE)).isTrue();
            dead.publish(new Note(Note.VERSION, "dead-node", Note.Kind.JOINED, "#general", 0, System.currentTimeMillis(),
                    "zombie", "", "", "", true, ""));
            alice.expect("* #general: zombie joined");
            bob.expect("* #general: zombie joined");
            // the dead node never renews: within its lease and one renewal period, both rooms are told
            alice.expect("* #general: zombie quit (node dead-node lost)");
            bob.expect("* #general: zombie quit (node dead-node lost)");
        }
    }
}
