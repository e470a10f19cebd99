package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Multiclient, as Ergo has it: the sessions of one account, whatever their door, share its nickname,
 * its rooms and its private conversations. Join in one, joined in all; a part in one parts all; the
 * rooms see the account come once and go once, with its last session.
 */
class MulticlientTest {
    private static final String ANN = ":ann!ann@causerie/user/ann";

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());


    /** A line session logged in to ann, seated in #general (its first line is the login). */
    private Wire lineAnn() {
        Wire wire = Wire.connect(server.port());
        wire.expect(line -> line.startsWith("- welcome"));
        assertThat(wire.ask("/login ann ann-password-1")).startsWith("= ");
        wire.send("/ping");
        wire.expect("= pong");
        return wire;
    }

    /** An IRC session logged in to ann by SASL, registered (past 422). */
    private IrcWire ircAnn(String caps) {
        var irc = IrcWire.connect(server.server().ircPort());
        String plain = Base64.getEncoder().encodeToString("ann\0ann\0ann-password-1".getBytes(StandardCharsets.UTF_8));
        irc.send("CAP REQ :sasl" + caps).send("NICK ann").send("USER ann 0 * :Ann").send("AUTHENTICATE PLAIN");
        irc.expect("AUTHENTICATE +");
        irc.send("AUTHENTICATE " + plain);
        irc.expect(":irc.test 903 * :SASL authentication successful");
        irc.send("CAP END");
        irc.expect(":irc.test 422 ann :MOTD File is missing");
        return irc;
    }

    @Test
    void twoLineSessionsAndAnIrcSessionOfOneAccountShareRoomsAndPrivateMessages() {
        server.registerAway("ann", "ann-password-1");
        try (Wire bob = Wire.join(server.port(), "bob")) {
            int start = bob.mark();
            Wire one = lineAnn();
            bob.expect("* #general: ann joined");
            Wire two = lineAnn(); // put in #general by its login, as one is there: the room does not hear it again
            IrcWire irc = ircAnn("");
            // the IRC session is put in the account's rooms once welcomed, with what its JOIN would bring
            irc.play("""
                    < :ann!ann@causerie/user/ann JOIN #general
                    < :irc.test 353 ann = #general :bob ann
                    < :irc.test 366 ann #general :End of /NAMES list
                    """);
            assertThat(bob.assertNoneSince(start, "nothing about ann but her arrival", line -> line.contains("ann quit")))
                    .as("the room sees the account arrive once").filteredOn("* #general: ann joined"::equals).hasSize(1);
            irc.send("LUSERS"); // two people, ann's three sessions one of them; four connections
            irc.play("""
                    < :irc.test 251 ann :There are 2 users and 0 invisible on 1 servers
                    < :irc.test 254 ann 1 :channels formed
                    < :irc.test 255 ann :I have 4 clients and 0 servers
                    """);

            // join in one, joined in all; the other line session's current room stays where it was
            one.send("/join #den");
            one.expect("* #den: ann joined");
            two.expect("* #den: ann joined");
            irc.play("""
                    < :ann!ann@causerie/user/ann JOIN #den
                    < :irc.test 353 ann = #den :@ann
                    < :irc.test 366 ann #den :End of /NAMES list
                    """);
            two.send("hello from two");
            bob.expect("#general <ann> hello from two");
            one.expect("#general <ann> hello from two");
            irc.expect(ANN + " PRIVMSG #general :hello from two"); // another session's message, without echo-message

            // the IRC session speaks: the line sessions see it; it gets no echo of its own (no echo-message)
            irc.send("PRIVMSG #den :from irc");
            one.expect("#den <ann> from irc");
            two.expect("#den <ann> from irc");

            // private messages, both ways, reach every session of the account
            bob.send("/msg ann hi ann");
            one.expect(line -> line.matches("@ bob -> ann: hi ann"));
            two.expect(line -> line.matches("@ bob -> ann: hi ann"));
            irc.expect(":bob!~guest@causerie/guest PRIVMSG ann :hi ann");
            irc.send("PRIVMSG bob :hi bob");
            bob.expect("@ ann -> bob: hi bob");
            one.expect("@ ann -> bob: hi bob");
            two.expect("@ ann -> bob: hi bob");
            one.send("/msg bob from line one");
            bob.expect("@ ann -> bob: from line one");
            irc.expect(ANN + " PRIVMSG bob :from line one");
            irc.assertQuiet(); // its own messages never came back

            // a part in one parts all
            irc.send("PART #den :enough");
            irc.expect(ANN + " PART #den :enough");
            one.expect("* #den: ann left (enough)");
            two.expect("* #den: ann left (enough)");

            // a quit of one leaves the others: the room hears a quit only when the last goes
            int beforeQuits = bob.mark();
            two.send("/quit");
            two.awaitClose();
            irc.send("QUIT :bye");
            irc.awaitClose();
            one.send("still here");
            bob.expect("#general <ann> still here");
            bob.assertNoneSince(beforeQuits, "no quit while a session of ann stays", line -> line.contains("ann quit"));
            one.send("/quit");
            one.awaitClose();
            bob.expect(line -> line.startsWith("* #general: ann quit"));
        }
    }

    @Test
    void aGuestCannotShareANickname() {
        try (Wire first = Wire.join(server.port(), "gus"); Wire second = Wire.greeted(server.port())) {
            assertThat(second.ask("/nick gus")).startsWith("! nick-taken");
            try (var irc = IrcWire.connect(server.server().ircPort())) {
                irc.send("NICK gus").send("USER gus 0 * :Gus");
                irc.expect(line -> line.startsWith(":irc.test 433 * gus "));
            }
        }
    }

    @Test
    void aKickPutsOutEverySessionOfTheAccount() {
        server.registerAway("ann", "ann-password-1");
        try (Wire bob = Wire.join(server.port(), "bob")) {
            bob.send("/join #den");
            bob.expect("* #den: bob joined");
            Wire one = lineAnn();
            IrcWire irc = ircAnn(" echo-message");
            irc.expect(ANN + " JOIN #general");
            irc.expect(line -> line.startsWith(":irc.test 366 ann #general"));
            irc.send("JOIN #den");
            irc.expect(ANN + " JOIN #den");
            one.expect("* #den: ann joined");
            bob.expect("* #den: ann joined");
            bob.send("/kick ann out");
            one.expect("* #den: bob kicked ann (out)");
            irc.expect(":bob!~guest@causerie/guest KICK #den ann :out");
            bob.expect("* #den: bob kicked ann (out)");
            // neither session is in #den any more: a message there is refused to each
            irc.send("PRIVMSG #den :back?");
            irc.expect(line -> line.startsWith(":irc.test 404 ann #den ") || line.startsWith(":irc.test 442 ann #den "));
            assertThat(one.ask("/part #den")).startsWith("! not-in-room");
            irc.close();
            one.close();
        }
    }

    @Test
    void loggingOutOneSessionLeavesTheOthersInTheRooms() {
        server.registerAway("ann", "ann-password-1");
        try (Wire bob = Wire.join(server.port(), "bob"); Wire one = lineAnn(); Wire two = lineAnn()) {
            bob.expect("* #general: ann joined");
            int mark = bob.mark();
            int before = two.mark();
            assertThat(two.ask("/logout")).startsWith("= logged out");
            assertThat(two.since(before)).as("the session that logs out leaves the account's rooms")
                    .contains("* #general: ann left (logged out)");
            one.send("still ann");
            bob.expect("#general <ann> still ann");
            bob.assertNoneSince(mark, "ann stays while one session logs out",
                    line -> line.contains("ann left") || line.contains("ann quit") || line.contains("ann is now"));
        }
    }
}
