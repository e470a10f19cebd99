package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IRC door of a cluster's node: what it says of the other nodes. Nodes in this JVM, the machine's NATS
 * and PostgreSQL; the IRC clients are raw sockets.
 */
class IrcAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Cluster cluster = new Cluster();

    /**
     * invite-notify: a line user's invitation on node one is told, in its place, to an IRC member of the
     * channel on node two that asked for the capability, and to no member that did not.
     */
    @Test
    void inviteNotifyTellsAnIrcMemberOnAnotherNodeOfALineUsersInvitation() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(one.port(), "bob");
                Wire ivy = irc(two.ircPort(), "ivy", "invite-notify"); Wire ned = irc(two.ircPort(), "ned", null)) {
            alice.send("/join #den").expect("* #den: alice joined");
            ivy.send("JOIN #den").expect(line -> line.startsWith(":irc.test 366 ivy #den "));
            ned.send("JOIN #den").expect(line -> line.startsWith(":irc.test 366 ned #den "));
            alice.expect("* #den: ivy joined");
            alice.expect("* #den: ned joined");
            int mark = ned.mark();
            assertThat(alice.ask("/invite bob")).isEqualTo("= bob is invited to #den");
            bob.expect("- alice invites you to #den: /join #den");
            ivy.expect(":alice!~guest@causerie/guest INVITE bob #den");
            alice.send("after the invitation");
            ned.expect(line -> line.endsWith("PRIVMSG #den :after the invitation")); // the invitation's place is passed
            assertThat(ned.since(mark)).as("ned did not ask for invite-notify").noneMatch(line -> line.contains(" INVITE "));
        }
    }

    /** LUSERS counts the cluster's live nodes as its servers (the count of the last lease renewal). */
    @Test
    void lusersCountsTheClustersLiveNodesAsServers() {
        ChatServer one = cluster.start("one");
        cluster.start("two");
        try (Wire ivy = irc(one.ircPort(), "ivy", null)) {
            String[] last = {""};
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                    ivy.send("LUSERS");
                    last[0] = ivy.expect(line -> line.startsWith(":irc.test 251 ivy "));
                    return last[0].endsWith(" on 2 servers");
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("LUSERS answered " + last[0], e);
            }
            assertThat(ivy.expect(line -> line.startsWith(":irc.test 255 ivy ")))
                    .isEqualTo(":irc.test 255 ivy :I have 1 clients and 1 servers");
        }
    }

    /** An IRC client registered as {@code nick}, having asked for {@code cap} (null: none), past its welcome. */
    private static Wire irc(int port, String nick, String cap) {
        Wire wire = Wire.connect(port);
        if (cap != null) {
            wire.send("CAP REQ :" + cap);
        }
        wire.send("NICK " + nick).send("USER " + nick + " 0 * :" + nick);
        if (cap != null) {
            wire.send("CAP END");
        }
        wire.expect(line -> line.startsWith(":irc.test 422 "));
        return wire;
    }
}
