package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 7 and issue 14: the room holes. Lasting rooms are counted per account and per address;
 * a key is refused for a room that has none; the lobby is +t and run by the server's operators; the
 * topic is shown on join; a stored room that emptied keeps its history; and rights follow an identity,
 * never a nickname.
 */
class RoomGuardsTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder()
            .limits(Limits.builder().roomsCreated(2, 3).build()).build());

    static void register(Wire wire, String nick) {
        wire.send("/nick " + nick).expect(line -> line.endsWith(" is now " + nick));
        wire.send("/register " + nick + "-password").expect("= registered " + nick + "; you are logged in");
    }

    /** Makes {@code root} a server operator (as {@code oper add} does, restarting the server) and logs it in. */
    static Wire operator(TestServer server) {
        OperatorSeed.add(server, "root", "root-password");
        Wire root = server.connect();
        root.send("/login root root-password").expect(line -> line.startsWith("= you are logged in as root"));
        return root;
    }

    @Test
    void lastingRoomsAreCountedPerAccountAndPerAddress() {
        try (Wire alice = server.connect(); Wire bob = server.connect(); Wire carol = server.connect()) {
            register(alice, "alice");
            register(bob, "bob");
            alice.send("/join #one").expect("* #one: alice joined");
            alice.send("/join #two").expect("* #two: alice joined");
            assertThat(alice.ask("/join #three")).isEqualTo("! too-many-rooms-owned: you own 2 rooms, the most one account"
                    + " may: #three was not created (/logout to open a room that closes when empty)");
            bob.send("/join #four").expect("* #four: bob joined");
            assertThat(bob.ask("/join #five")).isEqualTo("! too-many-rooms-owned: too many rooms were created from your"
                    + " address in the last hour (3): #five was not created; try later");
            bob.send("/join #one").expect("* #one: bob joined"); // joining a room is not creating one
            // A guest still opens a room that closes when empty, and nothing is kept of it.
            carol.send("/join #five").expect("* #five: guest-3 joined");
            assertThat(carol.ask("/rooms")).isEqualTo("= 5 rooms");
        }
    }

    @Test
    void aClosedRoomsHistoryIsForItsMembers() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            register(alice, "alice");
            register(bob, "bob");
            alice.send("/join #den").expect("* #den: alice joined");
            alice.send("the plan").expect("#den <alice> the plan");
            assertThat(bob.ask("/history #den")).startsWith("= 1 message of #den"); // an open room is open
            alice.send("/mode +k sesame").expect("* #den: alice sets +k");
            assertThat(bob.ask("/history #den"))
                    .isEqualTo("! not-in-room: the history of #den is for its members: /join #den first");
            alice.send("/mode -k").expect("* #den: alice sets -k");
            alice.send("/mode +i").expect("* #den: alice sets +i");
            assertThat(bob.ask("/history #den after 0"))
                    .isEqualTo("! not-in-room: the history of #den is for its members: /join #den first");
            assertThat(alice.ask("/history #den")).startsWith("= 1 message of #den"); // its members read it
            alice.send("/mode -i").expect("* #den: alice sets -i");
            alice.send("/ban bob").expect(line -> line.startsWith("* #den: alice sets +b"));
            assertThat(bob.ask("/history #den"))
                    .isEqualTo("! not-in-room: the history of #den is for its members: /join #den first");
        }
    }

    @Test
    void aKeyIsRefusedForARoomThatHasNone() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            bob.send("/ping").expect("= pong");
            alice.expect("* #general: guest-2 joined");
            Transcript.play(Map.of("alice", alice, "bob", bob), """
                    alice> /join #bad room
                    alice< ! no-key: #bad has no key: /join #bad without one (an operator gives a room a key with /mode #bad +k KEY)
                    alice> /rooms
                    alice< = 1 room
                    alice< = #general (2 members)
                    alice> /join #bad
                    alice< * #bad: guest-1 joined
                    alice> /mode +k sesame
                    alice< * #bad: guest-1 sets +k
                    bob> /join #bad sesame
                    bob< * #bad: guest-2 joined
                    """);
        }
    }

    @Test
    void theLobbyIsTopicLockedAndRunByServerOperators() {
        try (Wire root = operator(server); Wire guest = server.connect()) {
            root.expect("* #general: guest-2 joined");
            Transcript.play(Map.of("root", root, "guest", guest), """
                    guest> /topic #general spam
                    guest< ! not-operator: only operators set the topic of #general (+t)
                    guest> /mode #general -t
                    guest< ! not-operator: you are not an operator of #general
                    guest> /mode #general
                    guest< = #general +t
                    root> /topic #general Welcome
                    root< * #general: root set the topic: Welcome
                    guest< * #general: root set the topic: Welcome
                    root> /kick guest-2 behave
                    root< * #general: root kicked guest-2 (behave)
                    guest< * #general: root kicked guest-2 (behave)
                    """);
        }
    }

    @Test
    void theTopicIsShownOnJoinInTextAndJson() {
        try (Wire alice = server.connect(); Wire bob = server.json()) {
            alice.send("/join #lab").expect("* #lab: guest-1 joined");
            alice.send("/topic #lab sockets today").expect("* #lab: guest-1 set the topic: sockets today");
            bob.send("/join #lab");
            JsonNode joined = bob.expectJson("join");
            assertThat(joined.get("room").asText()).isEqualTo("#lab");
            JsonNode topic = bob.nextJson();
            assertThat(topic.get("type").asText()).isEqualTo("topic");
            assertThat(topic.get("room").asText()).isEqualTo("#lab");
            assertThat(topic.get("topic").asText()).isEqualTo("sockets today");
            assertThat(topic.has("nick")).isFalse();
            try (Wire carol = server.connect()) {
                Transcript.play(carol, """
                        > /join #lab
                        < * #lab: guest-3 joined
                        < * #lab: the topic is: sockets today
                        > /join #empty
                        < * #empty: guest-3 joined
                        """);
            }
        }
    }

    @Test
    void aStoredRoomThatEmptiedKeepsItsHistory() {
        try (Wire alice = server.connect()) {
            Transcript.play(alice, """
                    > /join #passing
                    < * #passing: guest-1 joined
                    > said once
                    < #passing <guest-1> said once
                    > /part #passing
                    < * #passing: guest-1 left
                    > /history #passing
                    <~ #passing \\[.*\\] <guest-1> said once
                    < = 1 message of #passing (1-1)
                    > /history #never
                    < ! no-such-room: there is no room #never
                    """);
        }
    }

    /** Issue 9: a guest that takes a departed operator's nickname gets none of its rights. */
    @Test
    void rightsFollowAnIdentityNotANickname() {
        try (Wire carol = server.connect(); Wire dave = server.connect()) {
            carol.send("/nick carol").expect("* #general: guest-1 is now carol");
            dave.send("/nick dave").expect("* #general: guest-1 is now carol");
            dave.expect("* #general: guest-2 is now dave");
            carol.send("/join #den").expect("* #den: carol joined");
            dave.send("/join #den").expect("* #den: dave joined");
            carol.expect("* #den: dave joined");
            carol.send("/kick dave").expect("* #den: carol kicked dave");
            dave.send("/join #den").expect("* #den: dave joined"); // not banned, just kicked
            carol.send("/quit");
            dave.expect("* #den: carol quit (quit)");
            carol.awaitClose(); // the nickname is free once the connection has ended, not when its rooms hear it
            try (Wire mallory = server.connect()) {
                Transcript.play(Map.of("mallory", mallory), """
                        mallory> /nick carol
                        mallory< * #general: guest-3 is now carol
                        mallory> /join #den
                        mallory< * #den: carol joined
                        mallory> /kick dave
                        mallory< ! not-operator: you are not an operator of #den
                        mallory> /mode +i
                        mallory< ! not-operator: you are not an operator of #den
                        """);
            }
        }
    }
}
