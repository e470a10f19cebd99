package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room's operator on one node moderates members of another node, and every node enforces what was
 * decided: modes, voice, bans, kicks, invitations, operator rights, a close. Nodes in this JVM, the
 * machine's NATS and PostgreSQL.
 */
class ModerationAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void anOperatorOnOneNodeModeratesAMemberOfAnother() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob")) {
            alice.send("/join #den").expect("* #den: alice joined");
            bob.send("/join #den").expect("* #den: bob joined");
            alice.expect("* #den: bob joined");
            // bob is known on node one once node two wrote him as a member of #den
            awaitWho(alice, "#den", "= #den (2): @alice bob");

            alice.send("/mode +m").expect("* #den: alice sets +m");
            bob.expect("* #den: alice sets +m");
            assertThat(bob.ask("hello?"))
                    .isEqualTo("! moderated: #den is moderated: only operators and voiced members speak");
            alice.send("/voice bob").expect("* #den: alice sets +v bob");
            bob.expect("* #den: alice sets +v bob");
            bob.send("hello!").expect("#den <bob> hello!");
            alice.expect("#den <bob> hello!");
            alice.send("/mode -m").expect("* #den: alice sets -m");
            bob.expect("* #den: alice sets -m");

            alice.send("/ban bob").expect("* #den: alice sets +b bob");
            bob.expect("* #den: alice sets +b bob");
            assertThat(bob.ask("still here"))
                    .isEqualTo("! banned: you are banned from #den (bob): you cannot speak there");
            alice.send("/kick bob out");
            alice.expect("* #den: alice kicked bob (out)");
            bob.expect("* #den: alice kicked bob (out)");
            assertThat(bob.ask("/join #den")).isEqualTo("! banned: you are banned from #den (bob)");
            alice.send("/unban bob").expect("* #den: alice sets -b bob");
            alice.send("/mode +i").expect("* #den: alice sets +i");
            assertThat(bob.ask("/join #den")).isEqualTo("! invite-only: #den is invite-only: ask an operator for /invite");

            assertThat(alice.ask("/invite bob")).isEqualTo("= bob is invited to #den");
            bob.expect("- alice invites you to #den: /join #den");
            bob.send("/join #den").expect("* #den: bob joined");
            alice.expect("* #den: bob joined");
            awaitWho(alice, "#den", "= #den (2): @alice +bob"); // his voice stayed with him

            alice.send("/op bob").expect("* #den: alice sets +o bob");
            bob.expect("* #den: alice sets +o bob");
            bob.send("/kick alice your turn");
            bob.expect("* #den: bob kicked alice (your turn)");
            alice.expect("* #den: bob kicked alice (your turn)");
        }
    }

    @Test
    void aServerOperatorClosesARoomOnEveryNode() {
        try (var store = cluster.store()) {
            store.setOperator("root", new org.causerie.auth.Passwords().hash("root-password"));
        }
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire root = Wire.join(one.port(), "someone"); Wire bob = Wire.join(two.port(), "bob")) {
            root.send("/login root root-password").expect(line -> line.startsWith("= you are logged in as root"));
            bob.send("/join #attic").expect("* #attic: bob joined");
            awaitWho(root, "#attic", "= #attic (1): bob"); // open on node two only
            root.send("/close #attic enough");
            bob.expect("* #attic: root kicked bob (enough)");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> root.ask("/who #attic").equals("! no-such-room: there is no room #attic"));
        }
    }

    @Test
    void aLastingRoomsBanOutlastsARestartOfEveryNodeOnPostgres() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice")) {
            alice.send("/register alice-password").expect("= registered alice; you are logged in");
            alice.send("/join #den").expect("* #den: alice joined"); // an account's room lasts
            alice.send("/ban troll*").expect("* #den: alice sets +b troll*");
            alice.send("/mode +k sesame").expect("* #den: alice sets +k");
        }
        cluster.stop(one);
        cluster.stop(two);
        ChatServer three = cluster.start("three");
        try (Wire troll = Wire.join(three.port(), "trollface")) {
            assertThat(troll.ask("/join #den sesame")).isEqualTo("! banned: you are banned from #den (troll*)");
            assertThat(troll.ask("/mode #den")).isEqualTo("= #den +k");
        }
    }

    /** Asks {@code /who ROOM} until the answer is {@code expected} (members of other nodes are written there asynchronously). */
    static void awaitWho(Wire wire, String room, String expected) {
        String[] last = {""};
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> (last[0] = wire.ask("/who " + room)).equals(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("/who " + room + " answered " + last[0] + ", not " + expected, e);
        }
    }
}
