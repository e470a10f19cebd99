package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Room moderation (operators, kick, ban, invite, modes) and server operators, over the wire. */
class ModerationTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    /** alice opens #den (so she runs it), bob joins it; both have their names. */
    private Map<String, Wire> den(Wire alice, Wire bob) {
        alice.send("/nick alice").expect("* #general: guest-1 is now alice");
        bob.send("/nick bob").expect("* #general: guest-2 is now bob");
        alice.send("/join #den").expect("* #den: alice joined");
        bob.send("/join #den").expect("* #den: bob joined");
        alice.expect("* #den: bob joined");
        return Map.of("alice", alice, "bob", bob);
    }

    @Test
    void whoeverOpensARoomRunsItAndMayNameOthers() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            Transcript.play(den(alice, bob), """
                    bob> /kick alice
                    bob< ! not-operator: you are not an operator of #den
                    bob> /op bob
                    bob< ! not-operator: you are not an operator of #den
                    alice> /op bob
                    alice< * #den: alice sets +o bob
                    bob< * #den: alice sets +o bob
                    alice> /op bob
                    alice< ! mode-unchanged: bob is an operator in #den already
                    bob> /deop alice
                    bob< * #den: bob sets -o alice
                    alice< * #den: bob sets -o alice
                    alice> /kick bob
                    alice< ! not-operator: you are not an operator of #den
                    bob> /kick alice enough
                    bob< * #den: bob kicked alice (enough)
                    alice< * #den: bob kicked alice (enough)
                    alice> still here?
                    alice< #general <alice> still here?
                    bob< #general <alice> still here?
                    bob> /kick nobody
                    bob< ! not-in-room: nobody is not in #den
                    """);
        }
    }

    @Test
    void bansKeepPeopleOutByNicknameMask() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            Transcript.play(den(alice, bob), """
                    alice> /ban b*
                    alice< * #den: alice sets +b b*
                    bob< * #den: alice sets +b b*
                    alice> /kick bob
                    alice< * #den: alice kicked bob
                    bob< * #den: alice kicked bob
                    bob> /join #den
                    bob< ! banned: you are banned from #den (b*)
                    alice> /ban B*
                    alice< ! mode-unchanged: b* is banned from #den already
                    alice> /ban *
                    alice< ! bad-mask: a ban mask must name someone: * would ban everybody
                    alice> /ban
                    alice< = bans: b*
                    alice> /unban b*
                    alice< * #den: alice sets -b b*
                    alice> /unban b*
                    alice< ! no-such-ban: no ban b* in #den
                    bob> /join #den
                    bob< * #den: bob joined
                    """);
        }
    }

    @Test
    void modesInviteKeyTopicAndModerated() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            Transcript.play(den(alice, bob), """
                    alice> /mode +t
                    alice< * #den: alice sets +t
                    bob< * #den: alice sets +t
                    bob> /topic #den mine
                    bob< ! not-operator: only operators set the topic of #den (+t)
                    alice> /mode +m
                    alice< * #den: alice sets +m
                    bob< * #den: alice sets +m
                    bob> hello?
                    bob< ! moderated: #den is moderated: only operators and voiced members speak
                    alice> /voice bob
                    alice< * #den: alice sets +v bob
                    bob< * #den: alice sets +v bob
                    bob> hello!
                    bob< #den <bob> hello!
                    alice< #den <bob> hello!
                    alice> /mode +k sesame
                    alice< * #den: alice sets +k
                    bob< * #den: alice sets +k
                    alice> /mode +i
                    alice< * #den: alice sets +i
                    bob< * #den: alice sets +i
                    alice> /mode #den
                    alice< = #den +ikmt
                    alice> /mode +x
                    alice< ! bad-mode: the modes are +i -i +k KEY -k +m -m +t -t, not +x
                    bob> /part #den
                    bob< * #den: bob left
                    alice< * #den: bob left
                    bob> /join #den sesame
                    bob< ! invite-only: #den is invite-only: ask an operator for /invite
                    alice> /invite bob
                    alice< = bob is invited to #den
                    bob< - alice invites you to #den: /join #den
                    bob> /join #den
                    bob< ! bad-key: #den needs a key: /join #den KEY
                    bob> /join #den wrong
                    bob< ! bad-key: #den needs a key: /join #den KEY
                    bob> /join #den sesame
                    bob< * #den: bob joined
                    alice< * #den: bob joined
                    """);
        }
    }

    @Test
    void serverOperatorsCloseRoomsDisconnectUsersAndStopTheServer() throws Exception {
        OperatorSeed.add(server, "root", "root-password");
        try (Wire root = server.connect(); Wire bob = server.connect(); Wire carol = server.connect()) {
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            carol.send("/nick carol").expect("* #general: guest-3 is now carol");
            carol.send("/join #side").expect("* #side: carol joined");
            root.expect("* #general: guest-3 is now carol");
            bob.expect("* #general: guest-3 is now carol");
            carol.send("/part #general").expect("* #general: carol left");
            root.expect("* #general: carol left");
            bob.expect("* #general: carol left");
            Transcript.play(Map.of("root", root, "bob", bob, "carol", carol), """
                    bob> /kill carol
                    bob< ! not-server-operator: only server operators may do that
                    bob> /shutdown
                    bob< ! not-server-operator: only server operators may do that
                    root> /nick root
                    root< ! nick-registered: root is registered: /login root PASSWORD
                    root> /login root root-password
                    root< * #general: guest-1 is now root
                    bob< * #general: guest-1 is now root
                    root< = you are logged in as root
                    root> /close #side closed for cleaning
                    carol< * #side: root kicked carol (closed for cleaning)
                    root> /rooms
                    root< = 1 room
                    root< = #general (2 members)
                    root> /kill bob spam
                    bob< - disconnected by root: spam
                    """);
            assertThat(bob.awaitClose()).isEmpty();
            // bob's quit and the answer to /kill come in either order: bob leaves on his own thread
            var expected = java.util.Set.of("= bob is disconnected", "* #general: bob quit (disconnected by root: spam)");
            assertThat(java.util.Set.of(root.expect(expected::contains), root.expect(expected::contains)))
                    .isEqualTo(expected);
            root.send("/shutdown").expect("= the server is stopping");
            assertThat(carol.awaitClose()).contains("- the server is shutting down");
            server.server().awaitStopped();
        }
    }
}
