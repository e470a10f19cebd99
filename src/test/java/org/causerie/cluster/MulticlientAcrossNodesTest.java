package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.bus.Note;
import org.causerie.store.Entry;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Multiclient across nodes: an account's sessions on two nodes share its rooms. A join or part of one
 * session is a room event that carries the account, and the account's sessions on the other nodes follow
 * it in or out, in its place. Nodes in this JVM, the machine's NATS and PostgreSQL.
 */
class MulticlientAcrossNodesTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void aJoinAndAPartOnOneNodeAreFollowedByTheAccountsSessionOnAnother() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        register(one);
        try (Wire ann1 = login(one); Wire bob = Wire.join(one.port(), "bob"); Wire ann2 = login(two)) {

            ann1.send("/join #den").expect("* #den: ann joined");
            ann2.expect("* #den: ann joined"); // the room was open nowhere on node two: opened there for it
            assertThat(ann2.ask("/join #den")).as("in #den on node two").isEqualTo("= #den is now your current room");
            bob.send("/join #den").expect("* #den: bob joined");
            ann2.send("hello from two").expect("#den <ann> hello from two");
            ann1.expect("#den <ann> hello from two");
            bob.expect("#den <ann> hello from two");

            ann2.send("/part #den").expect("* #den: ann left");
            ann1.expect("* #den: ann left");
            bob.expect("* #den: ann left");
            ModerationAcrossNodesTest.awaitWho(bob, "#den", "= #den (1): bob"); // out on both nodes
            ann1.send("/join #den").expect("* #den: ann joined"); // a join, not "now your current room": it had left
        }
    }

    /**
     * An account holder's join that node one committed and the bus lost: node two, where the room is open
     * (carol is in), reads it back at its periodic check and has the account's session there follow it in.
     */
    @Test
    void aJoinLostOnTheBusIsFollowedOnTheNodeThatReadsItBack() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        register(one);
        try (Wire ann1 = login(one); Wire ann2 = login(two); Wire carol = Wire.join(two.port(), "carol");
                PostgresStore store = cluster.store()) {
            carol.send("/join #den").expect("* #den: carol joined");
            long id = store.findAccount("ann").orElseThrow().id();

            store.appendCounted(List.of(new Entry.RoomEvent("#den", 0, Instant.now(), Note.Kind.JOINED.code, "ann", "", "",
                    true, "one", "a" + id)));
            carol.expect("* #den: ann joined");
            ann2.expect("* #den: ann joined");
            assertThat(ann2.ask("/join #den")).as("in #den on node two").isEqualTo("= #den is now your current room");
        }
    }

    /** A session that logs in on node two is put in the rooms where the account's sessions on node one are. */
    @Test
    void aLoginOnAnotherNodeIsPutInTheRoomsOfTheAccountsSessionsThere() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        register(one);
        try (Wire ann1 = login(one); Wire bob = Wire.join(two.port(), "bob")) {
            ann1.send("/join #den").expect("* #den: ann joined");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> bob.ask("/who #den").contains("ann")); // node one wrote ann's member row
            try (Wire ann2 = login(two)) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .pollInterval(java.time.Duration.ofMillis(100))
                        .until(() -> ann2.since(0).contains("* #den: ann joined"));
                assertThat(ann2.ask("/join #den")).as("in #den on node two").isEqualTo("= #den is now your current room");
            }
        }
    }

    /** Registers the account ann on {@code node}, and leaves (its guest's claim of the name goes with it). */
    private static void register(ChatServer node) {
        try (Wire ann = Wire.join(node.port(), "ann")) {
            ann.send("/register ann-password-1").expect("= registered ann; you are logged in");
            ann.send("/quit");
            ann.awaitEnd();
        }
    }

    /** A session of ann on {@code node}, logged in once the name is free for her (a claim lapses on quit). */
    private static Wire login(ChatServer node) {
        Wire wire = Wire.join(node.port(), "someone" + System.nanoTime() % 10_000);
        String[] last = {""};
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> (last[0] = wire.ask("/login ann ann-password-1")).startsWith("= you are logged in as ann"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("/login answered " + last[0], e);
        }
        return wire;
    }
}
