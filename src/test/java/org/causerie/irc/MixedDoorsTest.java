package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An IRC client and a line-protocol user in the same rooms, both ways. */
class MixedDoorsTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    private IrcWire irc(String nick) {
        return IrcWire.registered(server.server().ircPort(), nick);
    }

    /** A line user called {@code nick}, in #general. */
    private Wire line(String nick) {
        Wire wire = server.connect();
        wire.send("/nick " + nick);
        wire.expect(line -> line.endsWith("is now " + nick));
        return wire;
    }

    @Test
    void roomMessagesBothWaysWithActionsAndCloaks() {
        try (var ann = irc("ann"); var bob = line("bob")) {
            ann.send("JOIN #general").expect(":irc.test 366 ann #general :End of /NAMES list");
            bob.expect("* #general: ann joined");
            bob.send("hello from nc");
            ann.expect(":bob!~guest@causerie/guest PRIVMSG #general :hello from nc");
            bob.send("/me waves");
            ann.expect(":bob!~guest@causerie/guest PRIVMSG #general :\u0001ACTION waves\u0001");
            ann.send("PRIVMSG #general :\u0001ACTION bows\u0001");
            bob.expect("#general * ann bows");
            ann.send("PRIVMSG #general :\u0002bold\u0002 and \u000304,01red\u000f");
            bob.expect("#general <ann> bold and red");
        }
    }

    @Test
    void formattingIsKeptForIrcReadersAndOtherControlsRefused() {
        try (var ann = irc("ann"); var carl = irc("carl"); var json = server.json()) {
            ann.send("JOIN #general").expect(":irc.test 366 ann #general :End of /NAMES list");
            carl.send("JOIN #general").expect(":irc.test 366 carl #general :End of /NAMES list");
            ann.expect(":carl!~guest@causerie/guest JOIN #general");
            ann.send("PRIVMSG #general :\u001fnote\u001f \u000312blue");
            carl.expect(":ann!~guest@causerie/guest PRIVMSG #general :\u001fnote\u001f \u000312blue");
            assertThat(json.expectJson("message").get("text").asText()).isEqualTo("note blue");
            ann.play("""
                    > PRIVMSG #general :escape \u001b[2J here
                    < :irc.test NOTICE ann :not sent: a message may hold IRC formatting codes and CTCP ACTION, no other \
                    control character or CTCP
                    """);
            ann.send("PRIVMSG #general :\u0001VERSION\u0001").expect(line -> line.contains("NOTICE ann :not sent"));
            ann.send("PRIVMSG #general :after");
            carl.expect(":ann!~guest@causerie/guest PRIVMSG #general :after"); // nothing of the refused ones before it
        }
    }

    @Test
    void privateMessagesBothWaysAndPrivateActions() {
        try (var ann = irc("ann"); var bob = line("bob")) {
            bob.send("/msg ann hi ann");
            ann.expect(":bob!~guest@causerie/guest PRIVMSG ann :hi ann");
            bob.send("/msg ann /me nods");
            ann.expect(":bob!~guest@causerie/guest PRIVMSG ann :\u0001ACTION nods\u0001");
            ann.send("PRIVMSG bob :hi bob");
            bob.expect("@ ann -> bob: hi bob");
            ann.send("PRIVMSG bob :\u0001ACTION smiles\u0001");
            bob.expect("@ ann -> bob: /me smiles");
            ann.assertQuiet(); // no echo of its own messages without echo-message
        }
    }

    @Test
    void echoMessageAndServerTimeAndMessageTags() {
        try (var ann = IrcWire.connect(server.server().ircPort()); var bob = line("bob")) {
            ann.play("""
                    > CAP REQ :echo-message server-time message-tags account-tag
                    < :irc.test CAP * ACK :echo-message server-time message-tags account-tag
                    > NICK ann
                    > USER ann 0 * :Ann
                    > CAP END
                    """);
            ann.expect(line -> line.startsWith(":irc.test 422 "));
            ann.send("JOIN #general").expect(":irc.test 366 ann #general :End of /NAMES list");
            ann.send("PRIVMSG #general :echoed");
            String echo = ann.next();
            assertThat(echo).matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z;msgid=#general/\\d+ "
                    + ":ann!~guest@causerie/guest PRIVMSG #general :echoed");
            bob.send("/register secret-pass-1");
            bob.expect(line -> line.startsWith("= registered"));
            bob.send("with an account");
            assertThat(ann.next()).matches("@time=[^;]+;msgid=#general/\\d+;account=bob "
                    + ":bob!bob@causerie/user/bob PRIVMSG #general :with an account");
        }
    }

    @Test
    void aLongLineMessageIsSplitBetweenCharactersForIrcReaders() {
        try (var ann = irc("ann"); var bob = line("bob")) {
            ann.send("JOIN #general").expect(":irc.test 366 ann #general :End of /NAMES list");
            String text = "é".repeat(300) + "😀".repeat(200); // 600 + 800 bytes
            bob.send(text);
            var received = new StringBuilder();
            String prefix = ":bob!~guest@causerie/guest PRIVMSG #general :";
            while (received.length() < text.length()) {
                String line = ann.next();
                assertThat(line).startsWith(prefix);
                assertThat((line + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
                received.append(line.substring(prefix.length()));
            }
            assertThat(received.toString()).isEqualTo(text);
        }
    }

    @Test
    void oneNicknameNamespaceAcrossDoors() {
        try (var bob = line("bob"); var irc = IrcWire.connect(server.server().ircPort())) {
            irc.play("""
                    > NICK BOB
                    < :irc.test 433 * BOB :Nickname is already in use
                    > NICK ann
                    > USER ann 0 * :Ann
                    < :irc.test 001 ann :{…}
                    """);
            assertThat(bob.ask("/nick ANN")).isEqualTo("! nick-taken: the nickname ANN is taken");
        }
    }

    @Test
    void kickBanAndTopicAcrossDoors() {
        try (var ann = irc("ann"); var bob = line("bob")) {
            ann.send("JOIN #den").expect(":irc.test 366 ann #den :End of /NAMES list");
            bob.send("/join #den");
            ann.expect(":bob!~guest@causerie/guest JOIN #den");
            ann.send("TOPIC #den :house rules");
            bob.expect("* #den: ann set the topic: house rules");
            ann.send("KICK #den bob :enough");
            bob.expect("* #den: ann kicked bob (enough)");
            ann.send("MODE #den +b bob");
            ann.expect(":ann!~guest@causerie/guest MODE #den +b bob");
            assertThat(bob.ask("/join #den")).startsWith("! banned:");
            bob.send("/join #open");
            bob.expect(line -> line.contains("bob joined"));
            bob.send("/topic #open from the line door");
            bob.expect("* #open: bob set the topic: from the line door");
            ann.send("JOIN #open");
            ann.expect(":irc.test 332 ann #open :from the line door");
            bob.send("/kick ann bye");
            ann.expect(":bob!~guest@causerie/guest KICK #open ann :bye");
        }
    }
}
