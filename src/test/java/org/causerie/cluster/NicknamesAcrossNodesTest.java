package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One nickname, one person, across the nodes; private messages find their recipient on any node. */
class NicknamesAcrossNodesTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void aNicknameHeldOnOneNodeIsRefusedOnAnother() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire other = Wire.greeted(two.port())) {
            assertThat(other.ask("/nick alice")).startsWith("! ").contains("taken");
            alice.send("/nick alicia");
            alice.expect(line -> line.contains("is now alicia"));
            other.send("/nick alice");
            other.expect(line -> line.endsWith(" is now alice"));
        }
    }

    @Test
    void guestsOfTwoNodesNeverShareAName() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire first = Wire.greeted(one.port()); Wire second = Wire.greeted(two.port())) {
            String a = first.since(0).stream().filter(line -> line.startsWith("* #general: guest-")).findFirst().orElseThrow();
            String b = second.since(0).stream().filter(line -> line.startsWith("* #general: guest-")).findFirst().orElseThrow();
            assertThat(a).isNotEqualTo(b);
        }
    }

    @Test
    void aPrivateMessageReachesItsRecipientOnAnotherNode() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire carol = Wire.join(one.port(), "carol"); Wire dave = Wire.join(two.port(), "dave")) {
            carol.send("/msg dave across nodes");
            carol.expect("@ carol -> dave: across nodes");
            dave.expect("@ carol -> dave: across nodes");
            dave.send("/msg carol and back");
            carol.expect("@ dave -> carol: and back");
        }
    }

    /**
     * A node that died keeps its users' names until its lease runs out (here: a claim the test writes for
     * a node that never renews it), then they are free.
     */
    @Test
    void aDeadNodesNamesAreFreeAfterItsLease() {
        ChatServer one = cluster.start("one");
        try (Wire eve = Wire.greeted(one.port()); PostgresStore store = cluster.store()) {
            assertThat(store.claim("mallory", "gdead.1", "dead-node", Cluster.LEASE)).isTrue();
            assertThat(eve.ask("/nick mallory")).startsWith("! ").contains("taken");
            long deadline = System.nanoTime() + Cluster.LEASE.plus(Duration.ofSeconds(8)).toNanos();
            String answer = "! not yet";
            for (int tries = 0; answer.startsWith("! ") && System.nanoTime() < deadline && tries < 100_000; tries++) {
                eve.send("/nick mallory");
                answer = eve.expect(line -> line.startsWith("! ") || line.endsWith(" is now mallory"));
            }
            assertThat(answer).endsWith(" is now mallory");
        }
    }
}
