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

/** SASL PLAIN and NickServ against Causerie's accounts, and what an account brings across doors. */
class AccountsOverIrcTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    private static String plain(String authzid, String user, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }


    @Test
    void saslPlainLogsInBeforeTheWelcomeAndHandsOverMissedMessages() {
        server.registerAway("ann", "ann-password-1");
        try (Wire bob = server.connect()) {
            bob.send("/msg ann while you were out");
            bob.expect(line -> line.startsWith("= ann is not connected"));
        }
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            irc.play("""
                    > CAP LS 302
                    < :irc.test CAP * LS :{…}sasl=PLAIN
                    > NICK ann
                    > USER ann 0 * :Ann
                    > CAP REQ :sasl
                    < :irc.test CAP ann ACK :sasl
                    > AUTHENTICATE SCRAM-SHA-256
                    < :irc.test 908 ann PLAIN :are available SASL mechanisms
                    < :irc.test 904 ann :SASL authentication failed
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE %s
                    < :irc.test 904 ann :SASL authentication failed: wrong nickname or password
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE %s
                    < :irc.test 900 ann ann!ann@causerie/user/ann ann :You are now logged in as ann
                    < :irc.test 903 ann :SASL authentication successful
                    > CAP END
                    < :irc.test 001 ann :Welcome to the Causerie IRC network, ann!ann@causerie/user/ann
                    """.formatted(plain("", "ann", "wrong"), plain("ann", "ann", "ann-password-1")));
            irc.expect(":irc.test 422 ann :MOTD File is missing");
            irc.expect(line -> line.matches(":guest-\\d+!~guest@causerie/guest PRIVMSG ann :while you were out"));
        }
    }

    @Test
    void missedMessagesComeAsAChathistoryBatchToABatchClient() {
        server.registerAway("ann", "ann-password-1");
        try (Wire bob = server.connect()) {
            bob.send("/nick bob");
            bob.expect(line -> line.endsWith("is now bob"));
            bob.send("/msg ann first while you were out");
            bob.expect(line -> line.startsWith("= ann is not connected"));
            bob.send("/msg ann second");
            bob.expect(line -> line.startsWith("= ann is not connected"));
        }
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            irc.play("""
                    > CAP REQ :sasl batch server-time
                    < :irc.test CAP * ACK :sasl batch server-time
                    > NICK ann
                    > USER ann 0 * :Ann
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE %s
                    < :irc.test 900 ann ann!ann@causerie/user/ann ann :You are now logged in as ann
                    < :irc.test 903 ann :SASL authentication successful
                    > CAP END
                    """.formatted(plain("", "ann", "ann-password-1")));
            irc.expect(":irc.test 422 ann :MOTD File is missing");
            irc.play("""
                    < :irc.test BATCH +1 chathistory bob
                    < @batch=1;time={…}Z :bob!~guest@causerie/guest PRIVMSG ann :first while you were out
                    < @batch=1;time={…}Z :bob!~guest@causerie/guest PRIVMSG ann :second
                    < :irc.test BATCH -1
                    """);
            irc.assertQuiet();
        }
    }

    @Test
    void saslResponsesComeIn400ByteChunks() {
        server.registerAway("ann", "ann-password-1");
        // Longer than any password: a wrong login, but only once the chunks are put back together.
        String twoChunks = plain("", "ann", "p".repeat(350));
        String exactly400 = plain("", "ann", "p".repeat(295));
        assertThat(twoChunks).hasSizeGreaterThan(Sasl.CHUNK);
        assertThat(exactly400).hasSize(Sasl.CHUNK);
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            irc.play("""
                    > CAP REQ sasl
                    < :irc.test CAP * ACK :sasl
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE %s
                    > AUTHENTICATE %s
                    < :irc.test 904 * :SASL authentication failed: wrong nickname or password
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE %s
                    > AUTHENTICATE +
                    < :irc.test 904 * :SASL authentication failed: wrong nickname or password
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE %s
                    < :irc.test 905 * :SASL message too long
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE *
                    < :irc.test 906 * :SASL authentication aborted
                    > AUTHENTICATE PLAIN
                    < AUTHENTICATE +
                    > AUTHENTICATE %s
                    < :irc.test 900 * ann!ann@causerie/user/ann ann :You are now logged in as ann
                    < :irc.test 903 * :SASL authentication successful
                    > AUTHENTICATE PLAIN
                    < :irc.test 907 * :You have already authenticated
                    """.formatted(twoChunks.substring(0, 400), twoChunks.substring(400), exactly400, "A".repeat(401),
                    plain("", "ann", "ann-password-1")));
        }
    }

    @Test
    void aRegisteredNickNeedsItsPasswordAndNickServTakesIt() {
        server.registerAway("ann", "ann-password-1");
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            irc.play("""
                    > NICK ann
                    > USER ann 0 * :Ann
                    < :irc.test 433 * ann :Nickname is registered: log in with SASL, or /msg NickServ IDENTIFY ann PASSWORD
                    > NICK visitor
                    < :irc.test 001 visitor :{…}
                    """);
            irc.expect(":irc.test 422 visitor :MOTD File is missing");
            irc.play("""
                    > PRIVMSG NickServ :IDENTIFY ann nope
                    < :NickServ!NickServ@services.causerie NOTICE visitor :wrong nickname or password
                    > PRIVMSG NickServ :IDENTIFY ann ann-password-1
                    < :visitor!~guest@causerie/guest NICK :ann
                    < :NickServ!NickServ@services.causerie NOTICE ann :You are now identified for ann
                    """);
        }
        try (var irc = IrcWire.registered(server.server().ircPort(), "zed")) {
            irc.play("""
                    > PRIVMSG NickServ :REGISTER zed-password-1
                    < :NickServ!NickServ@services.causerie NOTICE zed :Nickname zed registered; you are identified
                    > WHOIS zed
                    < :irc.test 311 zed zed zed causerie/user/zed * :zed Real
                    < :irc.test 312 zed zed irc.test :Causerie
                    < :irc.test 330 zed zed zed :is logged in as
                    < :irc.test 318 zed zed :End of /WHOIS list
                    """);
        }
    }
}
