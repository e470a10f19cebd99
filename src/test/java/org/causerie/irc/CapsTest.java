package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** extended-join, labeled-response, account-notify, invite-notify and cap-notify, as transcripts. */
class CapsTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    /** Registers {@code nick} (real name "NICK Real") with {@code caps} enabled. */
    private IrcWire with(String nick, String caps) {
        IrcWire irc = IrcWire.connect(server.server().ircPort());
        irc.play("""
                > CAP REQ :%s
                < :irc.test CAP * ACK :%s
                > NICK %s
                > USER %s 0 * :%s Real
                > CAP END
                """.formatted(caps, caps, nick, nick, nick));
        irc.expect(line -> line.startsWith(":irc.test 422 "));
        return irc;
    }

    private Wire line(String nick) {
        Wire wire = server.connect();
        wire.send("/nick " + nick);
        wire.expect(line -> line.endsWith("is now " + nick));
        return wire;
    }

    @Test
    void extendedJoinNamesTheAccountAndRealName() {
        try (var ann = with("ann", "extended-join"); var bob = IrcWire.registered(server.server().ircPort(), "bob")) {
            ann.send("JOIN #x").expect(":irc.test 366 ann #x :End of /NAMES list");
            bob.send("JOIN #x");
            ann.expect(":bob!~guest@causerie/guest JOIN #x * :bob Real");
            try (var carl = line("carl")) {
                carl.send("/join #x");
                ann.expect(":carl!~guest@causerie/guest JOIN #x * :carl");
            }
            bob.expect(":carl!~guest@causerie/guest JOIN #x"); // without the capability: the plain JOIN
        }
    }

    @Test
    void labeledResponsesAckTagOrBatch() {
        try (var ann = with("ann", "labeled-response batch draft/chathistory echo-message")) {
            ann.play("""
                    > @label=p1 PING :x
                    < @label=p1 :irc.test PONG irc.test :x
                    > @label=j1 JOIN #x
                    < @label=j1 :irc.test BATCH +1 labeled-response
                    < @batch=1 :ann!~guest@causerie/guest JOIN #x
                    < @batch=1 :irc.test 353 ann = #x :@ann
                    < @batch=1 :irc.test 366 ann #x :End of /NAMES list
                    < :irc.test BATCH -1
                    > @label=m1 MODE #x +t
                    < @label=m1 :ann!~guest@causerie/guest MODE #x +t
                    > @label=e1 PRIVMSG #x :hello
                    < @label=e1 :ann!~guest@causerie/guest PRIVMSG #x :hello
                    > @label=e2 PRIVMSG #x,ann :both
                    < @label=e2 :irc.test BATCH +2 labeled-response
                    < @batch=2 :ann!~guest@causerie/guest PRIVMSG #x :both
                    < @batch=2 :ann!~guest@causerie/guest PRIVMSG ann :both
                    < :irc.test BATCH -2
                    > PRIVMSG #x :unlabelled
                    < :ann!~guest@causerie/guest PRIVMSG #x :unlabelled
                    > @label=h1 CHATHISTORY LATEST #x * 1
                    < @label=h1 :irc.test BATCH +4 labeled-response
                    < @batch=4 :irc.test BATCH +3 chathistory #x
                    < @batch=3 :ann!~guest@causerie/guest PRIVMSG #x :unlabelled
                    < @batch=4 :irc.test BATCH -3
                    < :irc.test BATCH -4
                    > @label=u1 NOSUCH
                    < @label=u1 :irc.test 421 ann NOSUCH :Unknown command
                    > PING :unlabelled
                    < :irc.test PONG irc.test :unlabelled
                    """);
        }
    }

    @Test
    void accountNotifyTellsLoginsLogoutsAndRegistrations() {
        try (Wire setup = line("bob")) {
            assertThat(setup.ask("/register bob-password-1")).startsWith("= registered");
            setup.send("/quit");
            setup.awaitClose();
        }
        try (var ann = with("ann", "account-notify"); var bob = server.connect(); var dan = with("dan", "away-notify")) {
            ann.send("JOIN #general").expect(":irc.test 366 ann #general :End of /NAMES list");
            dan.send("JOIN #general").expect(":irc.test 366 dan #general :End of /NAMES list");
            bob.send("/login bob bob-password-1");
            ann.expect(line -> line.matches(":guest-\\d+!~guest@causerie/guest NICK :bob"));
            ann.expect(":bob!bob@causerie/user/bob ACCOUNT bob");
            bob.send("/logout");
            ann.expect(line -> line.matches(":bob!~guest@causerie/guest NICK :guest-\\d+"));
            ann.expect(line -> line.matches(":guest-\\d+!~guest@causerie/guest ACCOUNT \\*"));
            dan.send("PRIVMSG NickServ :REGISTER dan-password-1");
            ann.expect(":dan!~guest@causerie/guest ACCOUNT dan");
            ann.assertQuiet();
        }
    }

    @Test
    void invitationsAreInviteLinesAndInviteNotifyTellsTheChannel() {
        try (var ann = IrcWire.registered(server.server().ircPort(), "ann"); var bob = with("bob", "invite-notify");
                var carl = with("carl", "invite-notify"); var dora = line("dora")) {
            ann.send("JOIN #x").expect(":irc.test 366 ann #x :End of /NAMES list");
            carl.send("JOIN #x").expect(":irc.test 366 carl #x :End of /NAMES list");
            ann.play("""
                    < :carl!~guest@causerie/guest JOIN #x
                    > INVITE bob #x
                    < :irc.test 341 ann bob #x
                    """);
            bob.expect(":ann!~guest@causerie/guest INVITE bob #x");
            carl.expect(":ann!~guest@causerie/guest INVITE bob #x");
            dora.send("/join #y");
            dora.expect(line -> line.contains("dora joined"));
            carl.send("JOIN #y").expect(":irc.test 366 carl #y :End of /NAMES list");
            dora.expect("* #y: carl joined");
            dora.send("/invite bob");
            bob.expect(":dora!~guest@causerie/guest INVITE bob #y"); // from the line door too
            carl.expect(":dora!~guest@causerie/guest INVITE bob #y"); // and told to the channel (invite-notify)
            bob.assertQuiet();
        }
    }

    @Test
    void capNotifyIsOfferedAndAccepted() {
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            String offered = irc.send("CAP LS 302").next();
            assertThat(offered).contains(" cap-notify", " batch", " labeled-response", " draft/chathistory",
                    " extended-join", " account-notify", " invite-notify");
            irc.play("""
                    > CAP REQ :cap-notify
                    < :irc.test CAP * ACK :cap-notify
                    """);
        }
    }
}
