package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.causerie.IrcConfig;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** --server-password asked with PASS, and IRC over TLS on --irc-tls-port, on one server. */
class ServerPasswordTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).tls(new TlsConfig(0, null, null, true))
            .irc(new IrcConfig(0, IrcWire.SERVER, 0, "open-sesame")).build());

    @Test
    void aWrongOrMissingPasswordIs464AndTheEnd() {
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            irc.play("""
                    > PASS guess
                    > NICK ann
                    > USER ann 0 * :Ann
                    < :irc.test 464 ann :Password incorrect
                    """);
            assertThat(irc.awaitClose()).anyMatch(line -> line.startsWith("ERROR :Closing link: Bad password"));
        }
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            irc.play("""
                    > NICK ann
                    > USER ann 0 * :Ann
                    < :irc.test 464 ann :Password incorrect
                    """);
            irc.awaitClose();
        }
    }

    @Test
    void theRightPasswordRegistersOverPlainAndTls() {
        assertThat(server.server().ircTlsPort()).isPositive();
        try (var plain = IrcWire.connect(server.server().ircPort());
                var tls = IrcWire.connectTls(server.server().ircTlsPort())) {
            plain.play("""
                    > PASS open-sesame
                    > NICK ann
                    > USER ann 0 * :Ann
                    < :irc.test 001 ann :Welcome to the Causerie IRC network, ann!~guest@causerie/guest
                    """);
            tls.play("""
                    > PASS :open-sesame
                    > NICK bob
                    > USER bob 0 * :Bob
                    < :irc.test 001 bob :Welcome to the Causerie IRC network, bob!~guest@causerie/guest
                    """);
            tls.expect(line -> line.startsWith(":irc.test 422 "));
            plain.expect(line -> line.startsWith(":irc.test 422 "));
            tls.send("JOIN #sec").expect(":irc.test 366 bob #sec :End of /NAMES list");
            plain.send("JOIN #sec").expect(":irc.test 366 ann #sec :End of /NAMES list");
            plain.send("PRIVMSG #sec :over plain");
            tls.expect(":ann!~guest@causerie/guest PRIVMSG #sec :over plain");
            plain.send("PASS again").expect(":irc.test 462 ann :You may not reregister");
        }
    }
}
