package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every command of the line protocol and its refusals, in the text format, as transcripts. */
class ProtocolTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void greetsAGuestAndSeatsItInTheLobby() {
        try (Wire wire = Wire.connect(server.port())) {
            Transcript.play(wire, """
                    <~ - welcome to causerie \\S+: you are guest-1 in #general \\(/help lists the commands\\)
                    > /ping
                    < = pong
                    < * #general: guest-1 joined
                    """);
        }
    }

    @Test
    void servicesAnswer() {
        try (Wire wire = server.connect()) {
            Transcript.play(wire, """
                    > /ping
                    < = pong
                    > /echo hello   world
                    < = hello   world
                    > /calc 2+3*4
                    < = 14
                    > /calc 0.1 + 0.2
                    < = 0.3
                    > /calc 1/0
                    < ! bad-expression: division by zero
                    > /CALC 2^10
                    < = 1024
                    > /calc
                    < ! bad-usage: usage: /calc EXPR...
                    """);
        }
    }

    @Test
    void roomMessagesReachEveryMemberAndTheSender() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.expect("* #general: guest-2 joined");
            Transcript.play(Map.of("alice", alice, "bob", bob), """
                    alice> /nick alice
                    alice< * #general: guest-1 is now alice
                    bob< * #general: guest-1 is now alice
                    alice> hello everyone
                    alice< #general <alice> hello everyone
                    bob< #general <alice> hello everyone
                    bob> //slash is literal
                    bob< #general <guest-2> /slash is literal
                    alice< #general <guest-2> /slash is literal
                    bob> /me waves
                    bob< #general * guest-2 waves
                    alice< #general * guest-2 waves
                    """);
        }
    }

    @Test
    void nicknamesAreValidatedAndUnique() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.send("/nick alice").expect("* #general: guest-1 is now alice");
            bob.expect("* #general: guest-1 is now alice");
            Transcript.play(bob, """
                    > /nick ALICE
                    < ! nick-taken: the nickname ALICE is taken
                    > /nick 1abc
                    < ! bad-nick: a nickname starts with a letter (a-z, A-Z)
                    > /nick guest-7
                    < ! bad-nick: names starting with guest- are given by the server
                    > /nick al ice
                    < ! bad-usage: usage: /nick NAME
                    > /nick élodie
                    < ! bad-nick: a nickname starts with a letter (a-z, A-Z)
                    > /nick bo$b
                    < ! bad-nick: a nickname has only letters, digits and -_[]{}\\|^` (not '$')
                    > /nick abcdefghijklmnopqrstuvwxy
                    < ! bad-nick: a nickname has 1 to 24 characters
                    > /nick bob
                    < * #general: guest-2 is now bob
                    > /nick bob
                    < ! nick-unchanged: you are already bob
                    > /nick Bob
                    < * #general: bob is now Bob
                    """);
        }
    }

    @Test
    void roomsCanBeJoinedListedAndLeft() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.send("/nick alice").expect("* #general: guest-1 is now alice");
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            alice.expect("* #general: guest-2 is now bob");
            Transcript.play(Map.of("alice", alice, "bob", bob), """
                    alice> /join #dev
                    alice< * #dev: alice joined
                    alice> /join #DEV
                    alice< = #dev is now your current room
                    alice> /join dev
                    alice< ! bad-room: a room name starts with # (for example #general)
                    alice> /join #a b c
                    alice< ! bad-usage: usage: /join ROOM [KEY]
                    alice> /join #caf\u00e9
                    alice< ! bad-room: a room name has only letters, digits and -_. after the # (not U+00E9)
                    bob> /join #dev
                    bob< * #dev: bob joined
                    alice< * #dev: bob joined
                    alice> in dev
                    alice< #dev <alice> in dev
                    bob< #dev <alice> in dev
                    bob> /who
                    bob< = #dev (2): @alice bob
                    bob> /who #general
                    bob< = #general (2): alice bob
                    bob> /who #nowhere
                    bob< ! no-such-room: there is no room #nowhere
                    bob> /rooms
                    bob< = 2 rooms
                    bob< = #dev (2 members)
                    bob< = #general (2 members)
                    bob> /part #dev see you
                    bob< * #dev: bob left (see you)
                    alice< * #dev: bob left (see you)
                    bob> /part #dev
                    bob< ! not-in-room: you are not in #dev
                    #! bob's current room is #general again
                    bob> back
                    bob< #general <bob> back
                    alice< #general <bob> back
                    bob> /part
                    bob< * #general: bob left
                    alice< * #general: bob left
                    bob> anyone?
                    bob< ! no-room: you are in no room: /join one first
                    bob> /who
                    bob< ! no-room: you are in no room: /join one first
                    """);
        }
    }

    @Test
    void anEmptiedRoomVanishesButTheLobbyStays() {
        try (Wire alice = server.connect()) {
            Transcript.play(alice, """
                    > /join #tmp
                    < * #tmp: guest-1 joined
                    > /part #tmp
                    < * #tmp: guest-1 left
                    > /part #general
                    < * #general: guest-1 left
                    > /rooms
                    < = 1 room
                    < = #general (0 members)
                    """);
        }
    }

    @Test
    void topicsAreShownAndSet() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.expect("* #general: guest-2 joined");
            Transcript.play(Map.of("alice", alice, "bob", bob), """
                    alice> /topic #general
                    alice< = #general has no topic
                    alice> /topic #general Lab day: sockets
                    alice< ! not-operator: only operators set the topic of #general (+t)
                    alice> /join #lab
                    alice< * #lab: guest-1 joined
                    alice> /topic #lab Lab day: sockets
                    alice< * #lab: guest-1 set the topic: Lab day: sockets
                    bob> /topic #LAB
                    bob< = #lab: Lab day: sockets
                    bob> /topic #nowhere hi
                    bob< ! no-such-room: there is no room #nowhere
                    bob> /join #lab
                    bob< * #lab: guest-2 joined
                    bob< * #lab: the topic is: Lab day: sockets
                    alice< * #lab: guest-2 joined
                    bob> /join #other
                    bob< * #other: guest-2 joined
                    alice> /topic #other mine now
                    alice< ! not-in-room: join #other to set its topic
                    bob> /rooms
                    bob< = 3 rooms
                    bob< = #general (2 members)
                    bob< = #lab (2 members): Lab day: sockets
                    bob< = #other (1 member)
                    """);
        }
    }

    @Test
    void privateMessagesReachTheRecipientAndEchoToTheSender() {
        try (Wire alice = server.connect(); Wire bob = server.connect(); Wire carol = server.connect()) {
            alice.send("/nick alice").expect("* #general: guest-1 is now alice");
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            alice.expect("* #general: guest-2 is now bob");
            int carolMark = carol.mark();
            int bobMark = bob.mark();
            Transcript.play(Map.of("alice", alice, "bob", bob), """
                    alice> /msg BOB psst, bob
                    alice< @ alice -> bob: psst, bob
                    bob< @ alice -> bob: psst, bob
                    alice> /msg nobody hello?
                    alice< ! no-such-nick: nobody is called nobody
                    alice> /msg bob
                    alice< ! bad-usage: usage: /msg NICK TEXT...
                    """);
            // Carol shares the room with both and sees nothing of it; bob sees nothing of the refused ones.
            carol.assertNoneSince(carolMark, "a private message seen by a third member", line -> line.contains("psst"));
            bob.assertNoneSince(bobMark, "a refused message delivered", line -> line.contains("hello?"));
        }
    }

    @Test
    void helpIsGeneratedFromTheCommandTable() {
        try (Wire wire = server.connect()) {
            wire.send("/help");
            assertThat(wire.next()).startsWith("= commands");
            var lines = new java.util.ArrayList<String>();
            // The list comes from the command table itself: a command added there and missing from /help fails.
            var table = org.causerie.command.Commands.standard(new org.causerie.calc.Calculator()).all();
            assertThat(table).hasSizeGreaterThan(20);
            for (var spec : table) {
                String command = spec.name();
                String line = wire.next();
                lines.add(line);
                assertThat(line).startsWith("= /" + command);
            }
            Transcript.play(wire, """
                    > /help msg
                    < = /msg NICK TEXT...: send a private message (kept for later if NICK is away)
                    > /help /calc
                    < = /calc EXPR...: the calculator: + - * / % ^ ( ) sqrt abs min max round
                    > /help nope
                    < ! unknown-command: there is no command /nope; /help lists them
                    > /nope
                    < ! unknown-command: there is no command /nope; /help lists them
                    > /
                    < ! unknown-command: there is no command /; /help lists them
                    > /ping extra
                    < ! bad-usage: usage: /ping
                    """);
        }
    }

    @Test
    void quitTellsTheRoomsAndClosesAfterTheLastLine() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.expect("* #general: guest-2 joined");
            bob.send("/quit gone fishing");
            assertThat(bob.awaitClose()).containsExactly("= bye");
            alice.expect("* #general: guest-2 quit (gone fishing)");
        }
    }

    @Test
    void finEndsTheSessionLikeQuit() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.expect("* #general: guest-2 joined");
            bob.send("  fin ");
            assertThat(bob.awaitClose()).containsExactly("= bye");
            alice.expect("* #general: guest-2 quit (fin)");
            // "fin" inside a sentence is an ordinary message
            alice.send("la fin du TP").expect("#general <guest-1> la fin du TP");
        }
    }
}
