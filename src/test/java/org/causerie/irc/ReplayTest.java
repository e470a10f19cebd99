package org.causerie.irc;

import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room's last messages on JOIN: after the topic and NAMES, as IRC clients expect them; in a
 * {@code chathistory} batch to a client that asked for batch, as plain lines to any other.
 */
class ReplayTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(5).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    /** A line user called bob who has said two things in #general. */
    private Wire bobSaidTwoThings() {
        Wire bob = server.connect();
        bob.send("/nick bob");
        bob.expect(line -> line.endsWith("is now bob"));
        bob.send("first");
        bob.expect("#general <bob> first");
        bob.send("/me second");
        bob.expect("#general * bob second");
        return bob;
    }

    @Test
    void aPlainClientGetsTheReplayAfterNamesThenLiveMessages() {
        try (var bob = bobSaidTwoThings(); var ann = IrcWire.registered(server.server().ircPort(), "ann")) {
            ann.play("""
                    > JOIN #general
                    < :ann!~guest@causerie/guest JOIN #general
                    < :irc.test 353 ann = #general :{…}
                    < :irc.test 366 ann #general :End of /NAMES list
                    < :bob!~guest@causerie/guest PRIVMSG #general :first
                    < :bob!~guest@causerie/guest PRIVMSG #general :\u0001ACTION second\u0001
                    """);
            bob.send("third");
            ann.play("""
                    < :bob!~guest@causerie/guest PRIVMSG #general :third
                    """);
            ann.assertQuiet();
        }
    }

    @Test
    void aBatchClientGetsOneChathistoryBatchWithTimesAndMsgids() {
        try (var bob = bobSaidTwoThings(); var ann = IrcWire.connect(server.server().ircPort())) {
            ann.play("""
                    > CAP LS 302
                    < :irc.test CAP * LS :{…}
                    > CAP REQ :batch server-time message-tags
                    < :irc.test CAP * ACK :batch server-time message-tags
                    > NICK ann
                    > USER ann 0 * :Ann
                    > CAP END
                    """);
            ann.expect(line -> line.startsWith(":irc.test 422 "));
            ann.play("""
                    > JOIN #general
                    < :ann!~guest@causerie/guest JOIN #general
                    < :irc.test 353 ann = #general :{…}
                    < :irc.test 366 ann #general :End of /NAMES list
                    < :irc.test BATCH +1 chathistory #general
                    < @batch=1;time={…}Z;msgid=#general/1 :bob!~guest@causerie/guest PRIVMSG #general :first
                    < @batch=1;time={…}Z;msgid=#general/2 :bob!~guest@causerie/guest PRIVMSG #general :\u0001ACTION second\u0001
                    < :irc.test BATCH -1
                    """);
            bob.send("third");
            ann.play("""
                    < @time={…}Z;msgid=#general/3 :bob!~guest@causerie/guest PRIVMSG #general :third
                    """);
            ann.assertQuiet();
        }
    }
}
