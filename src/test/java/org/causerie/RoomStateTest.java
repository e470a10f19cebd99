package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 8: a lasting room's modes, operators, voices, bans and invitations, and the lobby's
 * modes, outlast a restart of a single server; and operators remove spam from history.
 */
class RoomStateTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    private Wire login(String nick) {
        Wire wire = server.connect();
        wire.send("/login " + nick + " " + nick + "-password").expect("= you are logged in as " + nick);
        return wire;
    }

    @Test
    void aLastingRoomsModerationOutlastsARestart() {
        try (Wire root = RoomGuardsTest.operator(server); Wire alice = server.connect(); Wire bob = server.connect();
                Wire carol = server.connect()) {
            RoomGuardsTest.register(alice, "alice");
            RoomGuardsTest.register(bob, "bob");
            RoomGuardsTest.register(carol, "carol");
            alice.send("/join #den").expect("* #den: alice joined");
            bob.send("/join #den").expect("* #den: bob joined");
            for (String command : List.of("/op bob", "/voice bob", "/ban troll*", "/mode +t", "/mode +m",
                    "/mode +k sesame", "/mode +i")) {
                alice.send(command).expect(line -> line.startsWith("* #den: alice sets "));
            }
            assertThat(alice.ask("/invite carol")).isEqualTo("= carol is invited to #den");
            root.send("/mode #general +m").expect("* #general: root sets +m");
        }
        server.restart();
        try (Wire alice = login("alice"); Wire bob = login("bob"); Wire carol = login("carol");
                Wire troll = server.connect()) {
            assertThat(alice.ask("/mode #den")).isEqualTo("= #den +ikmt");
            assertThat(alice.ask("/mode #general")).isEqualTo("= #general +mt");
            alice.send("/join #den sesame").expect("* #den: alice joined");
            bob.send("/join #den sesame").expect("* #den: bob joined");
            assertThat(bob.ask("/ban")).isEqualTo("= bans: troll*");
            bob.send("still voiced").expect("#den <bob> still voiced");
            carol.send("/join #den sesame").expect("* #den: carol joined"); // the invitation was kept
            carol.send("/part #den").expect("* #den: carol left");
            assertThat(carol.ask("/join #den sesame"))
                    .isEqualTo("! invite-only: #den is invite-only: ask an operator for /invite"); // and used once
            troll.send("/nick trollface").expect(line -> line.endsWith(" is now trollface"));
            assertThat(troll.ask("/join #den sesame")).isEqualTo("! banned: you are banned from #den (troll*)");
            bob.send("/kick alice test").expect("* #den: bob kicked alice (test)"); // bob is still an operator
        }
        server.restart(); // the invitation, used, is not given back by a restart
        try (Wire carol = login("carol")) {
            assertThat(carol.ask("/join #den sesame"))
                    .isEqualTo("! invite-only: #den is invite-only: ask an operator for /invite");
        }
    }

    @Test
    void operatorsRemoveAMessageOrEverythingASenderWrote() {
        try (Wire root = RoomGuardsTest.operator(server); Wire alice = server.connect(); Wire spam = server.connect()) {
            RoomGuardsTest.register(alice, "alice");
            spam.send("/nick spammer").expect(line -> line.endsWith(" is now spammer"));
            alice.send("/join #den").expect("* #den: alice joined");
            spam.send("/join #den").expect("* #den: spammer joined");
            alice.send("hello").expect("#den <alice> hello");
            spam.send("buy now").expect("#den <spammer> buy now");
            spam.send("buy more").expect("#den <spammer> buy more");
            spam.send("/join #general").expect(line -> line.startsWith("= "));
            spam.send("buy everywhere").expect("#general <spammer> buy everywhere");
            assertThat(spam.ask("/redact #den 1")).isEqualTo("! not-operator: you are not an operator of #den");
            assertThat(spam.ask("/purge spammer")).isEqualTo("! not-server-operator: only server operators may do that");
            assertThat(alice.ask("/redact #den 2")).isEqualTo("= message 2 of #den is removed");
            assertThat(alice.ask("/redact #den 2")).isEqualTo("! no-such-message: no message 2 in #den");
            alice.send("/history #den");
            assertThat(alice.expect(line -> line.startsWith("#den ["))).endsWith("<alice> hello");
            assertThat(alice.next()).endsWith("<spammer> buy more");
            assertThat(alice.next()).isEqualTo("= 2 messages of #den (1-3)");
            assertThat(alice.ask("/purge spammer #den")).isEqualTo("= 1 message of spammer removed from #den");
            try (Wire newcomer = server.connect()) { // the room's replay forgot it at once
                int mark = newcomer.mark();
                newcomer.send("/join #den").expect(line -> line.startsWith("* #den: guest-"));
                assertThat(newcomer.next()).endsWith("<alice> hello");
                // nothing of the spammer's in #den up to the pong; other lines may come: an earlier newcomer's quit,
                // and #general's replay at connect (read after the mark at times), whose spam this purge leaves
                newcomer.assertNoneSince(mark, "a purged message replayed",
                        line -> line.startsWith("#den ") && line.contains("buy "));
            }
            assertThat(root.ask("/purge SPAMMER")).isEqualTo("= 1 message of SPAMMER removed");
            try (Wire newcomer = server.connect()) { // the replay no longer has any of it
                int mark = newcomer.mark();
                newcomer.send("/join #den").expect(line -> line.startsWith("* #den: guest-"));
                assertThat(newcomer.next()).endsWith("<alice> hello");
                // nothing of the spammer's up to the pong; other lines (an earlier newcomer's quit) may come
                newcomer.assertNoneSince(mark, "a purged message replayed", line -> line.contains("buy "));
                assertThat(newcomer.ask("/history #general")).isEqualTo("= no messages of #general");
            }
        }
    }
}
