package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CHATHISTORY on a channel and a private conversation, by msgid and by timestamp, and its refusals. */
class ChathistoryTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    private static final String BOB = ":bob!~guest@causerie/guest PRIVMSG ";

    private IrcWire historyClient(String nick) {
        IrcWire irc = IrcWire.connect(server.server().ircPort());
        irc.play("""
                > CAP REQ :batch server-time message-tags draft/chathistory
                < :irc.test CAP * ACK :batch server-time message-tags draft/chathistory
                > NICK %s
                > USER %s 0 * :%s
                > CAP END
                """.formatted(nick, nick, nick));
        irc.expect(line -> line.contains(" 005 ") && line.contains("CHATHISTORY=100"));
        irc.expect(line -> line.startsWith(":irc.test 422 "));
        return irc;
    }

    private Wire bob() {
        Wire bob = server.connect();
        bob.send("/nick bob");
        bob.expect(line -> line.endsWith("is now bob"));
        bob.send("/join #tea");
        bob.expect(line -> line.contains("bob joined"));
        return bob;
    }

    /** The time tag of a line. */
    private static Instant time(String line) {
        int at = line.indexOf("time=");
        return Instant.parse(line.substring(at + 5, line.indexOf(';', at)));
    }

    @Test
    void aChannelByMsgidAndTimestamp() {
        try (var ann = historyClient("ann"); var bob = bob()) {
            ann.send("JOIN #tea").expect(":irc.test 366 ann #tea :End of /NAMES list");
            bob.send("m1");
            ann.expect(line -> line.endsWith("PRIVMSG #tea :m1"));
            bob.send("m2");
            Instant second = time(ann.expect(line -> line.endsWith("PRIVMSG #tea :m2")));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (Instant.now().toEpochMilli() <= second.toEpochMilli() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the next messages are stored in a later millisecond than m2
            }
            for (String text : new String[] {"m3", "m4", "m5"}) {
                bob.send(text);
                ann.expect(line -> line.endsWith("PRIVMSG #tea :" + text));
            }
            ann.play("""
                    > CHATHISTORY LATEST #tea * 2
                    < :irc.test BATCH +1 chathistory #tea
                    < @batch=1;time={…};msgid=#tea/4 %1$s#tea :m4
                    < @batch=1;time={…};msgid=#tea/5 %1$s#tea :m5
                    < :irc.test BATCH -1
                    > CHATHISTORY BEFORE #tea msgid=#tea/4 2
                    < :irc.test BATCH +2 chathistory #tea
                    < @batch=2;time={…};msgid=#tea/2 %1$s#tea :m2
                    < @batch=2;time={…};msgid=#tea/3 %1$s#tea :m3
                    < :irc.test BATCH -2
                    > CHATHISTORY AFTER #tea msgid=#tea/3 1
                    < :irc.test BATCH +3 chathistory #tea
                    < @batch=3;time={…};msgid=#tea/4 %1$s#tea :m4
                    < :irc.test BATCH -3
                    > CHATHISTORY AROUND #tea msgid=#tea/3 3
                    < :irc.test BATCH +4 chathistory #tea
                    < @batch=4;time={…};msgid=#tea/2 %1$s#tea :m2
                    < @batch=4;time={…};msgid=#tea/3 %1$s#tea :m3
                    < @batch=4;time={…};msgid=#tea/4 %1$s#tea :m4
                    < :irc.test BATCH -4
                    > CHATHISTORY BETWEEN #tea msgid=#tea/5 msgid=#tea/1 2
                    < :irc.test BATCH +5 chathistory #tea
                    < @batch=5;time={…};msgid=#tea/3 %1$s#tea :m3
                    < @batch=5;time={…};msgid=#tea/4 %1$s#tea :m4
                    < :irc.test BATCH -5
                    > CHATHISTORY BETWEEN #tea msgid=#tea/1 msgid=#tea/4 10
                    < :irc.test BATCH +6 chathistory #tea
                    < @batch=6;time={…};msgid=#tea/2 %1$s#tea :m2
                    < @batch=6;time={…};msgid=#tea/3 %1$s#tea :m3
                    < :irc.test BATCH -6
                    > CHATHISTORY AFTER #tea timestamp=%2$s 10
                    < :irc.test BATCH +7 chathistory #tea
                    < @batch=7;time={…};msgid=#tea/3 %1$s#tea :m3
                    < @batch=7;time={…};msgid=#tea/4 %1$s#tea :m4
                    < @batch=7;time={…};msgid=#tea/5 %1$s#tea :m5
                    < :irc.test BATCH -7
                    > CHATHISTORY LATEST #tea timestamp=2100-01-01T00:00:00.000Z 5
                    < :irc.test BATCH +8 chathistory #tea
                    < :irc.test BATCH -8
                    > CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2100-01-01T00:00:00.000Z 10
                    < :irc.test BATCH +9 draft/chathistory-targets
                    < @batch=9 :irc.test CHATHISTORY TARGETS #tea timestamp={…}
                    < :irc.test BATCH -9
                    """.formatted(BOB, IrcVariant.time(second)));
            bob.send("m6");
            ann.expect(line -> line.endsWith("PRIVMSG #tea :m6")); // live again once the answers are written
        }
    }

    @Test
    void aPrivateConversationAndTheRefusals() {
        try (var ann = historyClient("ann"); var bob = bob()) {
            bob.send("/msg ann psst");
            ann.expect(line -> line.endsWith("PRIVMSG ann :psst"));
            ann.send("PRIVMSG bob :yes?");
            bob.expect(line -> line.contains("yes?"));
            ann.play("""
                    > CHATHISTORY LATEST bob * 10
                    < :irc.test BATCH +1 chathistory bob
                    < @batch=1;time={…};msgid=~{…}/1 :bob!~guest@causerie/guest PRIVMSG ann :psst
                    < @batch=1;time={…};msgid=~{…}/2 :ann!~guest@causerie/guest PRIVMSG bob :yes?
                    < :irc.test BATCH -1
                    > CHATHISTORY LATEST #nowhere * 10
                    < :irc.test FAIL CHATHISTORY INVALID_TARGET LATEST #nowhere :there is no room #nowhere
                    > CHATHISTORY LATEST nobody * 10
                    < :irc.test FAIL CHATHISTORY INVALID_TARGET LATEST nobody :nobody is called nobody {…}
                    > CHATHISTORY FETCH #tea * 10
                    < :irc.test FAIL CHATHISTORY UNKNOWN_COMMAND FETCH :Unknown subcommand
                    > CHATHISTORY LATEST #tea * 0
                    < :irc.test FAIL CHATHISTORY INVALID_PARAMS LATEST :the limit is a number from 1 to 100
                    > CHATHISTORY BEFORE #tea msgid=elsewhere 10
                    < :irc.test FAIL CHATHISTORY INVALID_PARAMS BEFORE msgid=elsewhere :not a message reference of this target
                    > CHATHISTORY BEFORE #tea
                    < :irc.test FAIL CHATHISTORY INVALID_PARAMS BEFORE :Not enough parameters
                    > CHATHISTORY BEFORE #tea timestamp=-1000000000-01-01T00:00:00Z 10
                    < :irc.test FAIL CHATHISTORY INVALID_PARAMS BEFORE :a timestamp out of range
                    """);
            ann.assertQuiet();
        }
        assertThat(MsgIds.id("#tea/12")).isEqualTo(12);
    }

    /** The msgid of a private message, as a live line carries it. */
    private static String msgid(String line) {
        int at = line.indexOf("msgid=");
        int end = line.indexOf(' ', at);
        int semi = line.indexOf(';', at);
        return line.substring(at + 6, semi > 0 && semi < end ? semi : end);
    }

    @Test
    void aPrivateConversationByMsgidInTargetsAndItsMsgidsUniqueAndKeptAcrossANickChange() {
        String first;
        try (var ann = historyClient("ann"); var bob = bob()) {
            bob.send("/msg ann psst");
            first = msgid(ann.expect(line -> line.endsWith("PRIVMSG ann :psst")));
            assertThat(first).matches("~[A-Za-z0-9_-]{12}/1").doesNotContain("ann").doesNotContain("bob");
            String key = first.substring(0, first.indexOf('/'));
            ann.send("PRIVMSG bob :yes?");
            bob.expect(line -> line.contains("yes?"));
            ann.play("""
                    > CHATHISTORY BEFORE bob msgid=%1$s/2 10
                    < :irc.test BATCH +1 chathistory bob
                    < @batch=1;time={…};msgid=%1$s/1 :bob!~guest@causerie/guest PRIVMSG ann :psst
                    < :irc.test BATCH -1
                    > CHATHISTORY AFTER bob msgid=%1$s/1 10
                    < :irc.test BATCH +2 chathistory bob
                    < @batch=2;time={…};msgid=%1$s/2 :ann!~guest@causerie/guest PRIVMSG bob :yes?
                    < :irc.test BATCH -2
                    > CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2100-01-01T00:00:00.000Z 10
                    < :irc.test BATCH +3 draft/chathistory-targets
                    < @batch=3 :irc.test CHATHISTORY TARGETS bob timestamp={…}
                    < :irc.test BATCH -3
                    > NICK anna
                    < :ann!~guest@causerie/guest NICK :anna
                    > CHATHISTORY LATEST bob * 1
                    < :irc.test BATCH +4 chathistory bob
                    < @batch=4;time={…};msgid=%1$s/2 :ann!~guest@causerie/guest PRIVMSG bob :yes?
                    < :irc.test BATCH -4
                    """.formatted(key));
        }
        // two other guests under the same two nicknames: another conversation, other msgids
        try (var ann = historyClient("ann"); var bob = bob()) {
            bob.send("/msg ann again");
            String second = msgid(ann.expect(line -> line.endsWith("PRIVMSG ann :again")));
            assertThat(second).endsWith("/1").isNotEqualTo(first);
        }
    }
}
