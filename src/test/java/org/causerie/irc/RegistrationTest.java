package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** First contact on IRC: CAP, NICK, USER, the welcome, and what may not come before it. */
class RegistrationTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().irc(new IrcConfig(0, IrcWire.SERVER)).build());

    private IrcWire connect() {
        return IrcWire.connect(server.server().ircPort());
    }

    @Test
    void nickAndUserRegisterWithTheWelcomeNumerics() {
        try (var irc = connect()) {
            irc.play("""
                    > NICK ann
                    > USER ann 0 * :Ann Real
                    < :irc.test 001 ann :Welcome to the Causerie IRC network, ann!~guest@causerie/guest
                    < :irc.test 002 ann :Your host is irc.test, running version causerie-{…}
                    < :irc.test 003 ann :{…}
                    < :irc.test 004 ann irc.test causerie-{…} - bikmotv bkov
                    < :irc.test 005 ann AWAYLEN=390 CASEMAPPING=ascii CHANLIMIT=#:100 CHATHISTORY=100 MSGREFTYPES=msgid,timestamp CHANMODES=b,k,,imt CHANNELLEN=33 \
                    CHANTYPES=# MODES=1 NETWORK=Causerie NICKLEN=24 PREFIX=(ov)@+ :are supported by this server
                    < :irc.test 251 ann :There are 1 users and 0 invisible on 1 servers
                    < :irc.test 254 ann 1 :channels formed
                    < :irc.test 255 ann :I have 1 clients and 0 servers
                    < :irc.test 422 ann :MOTD File is missing
                    """);
            irc.assertQuiet(); // seated nowhere: no JOIN until it asks
        }
    }

    @Test
    void capabilityNegotiationHoldsRegistrationUntilCapEnd() {
        try (var irc = connect()) {
            irc.play("""
                    > CAP LS 302
                    < :irc.test CAP * LS :server-time message-tags account-tag extended-join echo-message multi-prefix \
                    userhost-in-names away-notify account-notify invite-notify cap-notify batch labeled-response \
                    draft/chathistory sasl=PLAIN
                    > NICK bob
                    > USER bob 0 * :Bob
                    > CAP REQ :server-time echo-message
                    < :irc.test CAP bob ACK :server-time echo-message
                    > CAP REQ :server-time nonsense
                    < :irc.test CAP bob NAK :server-time nonsense
                    > CAP LIST
                    < :irc.test CAP bob LIST :server-time echo-message
                    > CAP REQ -echo-message
                    < :irc.test CAP bob ACK :-echo-message
                    > CAP END
                    < :irc.test 001 bob :{…}
                    """);
            irc.expect(":irc.test 422 bob :MOTD File is missing");
            irc.play("""
                    > CAP LIST
                    < :irc.test CAP bob LIST :server-time
                    > CAP FOO
                    < :irc.test 410 bob FOO :Invalid CAP command
                    """);
        }
    }

    @Test
    void refusalsBeforeAndDuringRegistration() {
        try (var ann = IrcWire.registered(server.server().ircPort(), "ann"); var irc = connect()) {
            irc.play("""
                    > JOIN #general
                    < :irc.test 451 * :You have not registered
                    > NICK 9lives
                    < :irc.test 432 * 9lives :Erroneous nickname: a nickname starts with a letter (a-z, A-Z)
                    > NICK ANN
                    < :irc.test 433 * ANN :Nickname is already in use
                    > NICK NickServ
                    < :irc.test 432 * NickServ :Erroneous nickname: NickServ is the name of a service
                    > NICK
                    < :irc.test 431 * :No nickname given
                    > USER x
                    < :irc.test 461 * USER :Not enough parameters
                    > NICK carl
                    > USER carl 0 * :Carl
                    < :irc.test 001 carl :{…}
                    """);
            irc.expect(":irc.test 422 carl :MOTD File is missing");
            irc.play("""
                    > USER carl 0 * :Carl
                    < :irc.test 462 carl :You may not reregister
                    > FROB
                    < :irc.test 421 carl FROB :Unknown command
                    > PING :abc
                    < :irc.test PONG irc.test :abc
                    """);
        }
    }

    @Test
    void quitSaysErrorAndCloses() {
        try (var irc = IrcWire.registered(server.server().ircPort(), "dan")) {
            irc.send("QUIT :bye now");
            assertThat(irc.awaitClose()).contains("ERROR :Closing link: Quit: bye now");
        }
    }
}
