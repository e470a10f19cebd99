package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.causerie.cluster.ModerationAcrossNodesTest.awaitWho;

import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /who and /rooms answer for the whole cluster: members connected to other nodes are listed, rooms open
 * on other nodes only too, and someone who leaves is gone from every node's answer. Three nodes in this
 * JVM, the machine's NATS and PostgreSQL.
 */
class PresenceAcrossNodesTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void whoAndRoomsListTheMembersAndRoomsOfEveryNode() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        ChatServer three = cluster.start("three");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob");
                Wire carol = Wire.join(three.port(), "carol")) {
            alice.send("/join #den").expect("* #den: alice joined");
            bob.send("/join #den").expect("* #den: bob joined");
            carol.send("/join #attic").expect("* #attic: carol joined");

            awaitWho(alice, "#general", "= #general (3): alice carol bob"); // this node's first, then by node name
            awaitWho(alice, "#den", "= #den (2): @alice bob");
            awaitWho(carol, "#den", "= #den (2): alice bob"); // open on nodes one and two only
            awaitWho(bob, "#attic", "= #attic (1): carol");
            assertThat(rooms(bob)).isEqualTo("= 3 rooms\n= #attic (1 member)\n= #den (2 members)\n= #general (3 members)");

            bob.send("/quit bye");
            bob.awaitEnd();
            awaitWho(alice, "#general", "= #general (2): alice carol");
            awaitWho(carol, "#den", "= #den (1): alice");
            carol.send("/part #attic").expect("* #attic: carol left");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rooms(alice).equals("= 2 rooms\n= #den (1 member)\n= #general (2 members)"));
        }
    }

    /** The reply to /rooms, its lines joined. */
    static String rooms(Wire wire) {
        String first = wire.ask("/rooms");
        var lines = new StringBuilder(first);
        int count = Integer.parseInt(first.substring(2, first.indexOf(' ', 2)));
        for (int i = 0; i < count; i++) {
            lines.append('\n').append(wire.next());
        }
        return lines.toString();
    }
}
