package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.causerie.IrcConfig;
import org.causerie.OperatorSeed;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OPER with a server operator's credentials, KILL, and NickServ GHOST. */
class OperatorsOverIrcTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(0).irc(new IrcConfig(0, IrcWire.SERVER)).build());

    private IrcWire register(String nick) {
        return IrcWire.registered(server.server().ircPort(), nick);
    }

    @Test
    void operWithTheOperatorsCredentialsThenKill() {
        OperatorSeed.add(server, "admin", "operator-set-this");
        try (var ann = register("ann"); var bob = register("bob")) {
            ann.play("""
                    > KILL bob :no
                    < :irc.test 481 ann :Permission Denied- You're not an IRC operator
                    > OPER nobody whatever
                    < :irc.test 491 ann :No O-lines for your host
                    > OPER admin wrong-password
                    < :irc.test 464 ann :Password incorrect
                    > OPER admin operator-set-this
                    < :ann!~guest@causerie/guest NICK :admin
                    < :irc.test 381 admin :You are now an IRC operator
                    < :admin MODE admin +o
                    > KILL nobody
                    < :irc.test 401 admin nobody :No such nick/channel
                    > KILL bob :spam
                    """);
            assertThat(bob.awaitClose()).anyMatch(line -> line.contains("disconnected by admin: spam"));
        }
    }

    @Test
    void ghostEndsTheAccountsOtherSessions() {
        try (Wire ghost = server.connect()) {
            ghost.send("/nick ann");
            ghost.expect(line -> line.endsWith("is now ann"));
            assertThat(ghost.ask("/register ann-password-1")).startsWith("= registered");
            try (var ann = register("annie")) {
                ann.play("""
                        > PRIVMSG NickServ :GHOST ann
                        < :NickServ!NickServ@services.causerie NOTICE annie :GHOST ann needs its password, or IDENTIFY first
                        > PRIVMSG NickServ :GHOST ann wrong
                        < :NickServ!NickServ@services.causerie NOTICE annie :wrong nickname or password
                        > PRIVMSG NickServ :GHOST ann ann-password-1
                        < :annie!~guest@causerie/guest NICK :ann
                        < :ann!ann@causerie/user/ann JOIN #general
                        < :irc.test 353 ann = #general :{…}
                        < :irc.test 366 ann #general :End of /NAMES list
                        < :NickServ!NickServ@services.causerie NOTICE ann :Ghost with your nick has been killed (1 session)
                        """);
                assertThat(ghost.awaitClose()).anyMatch(line -> line.contains("ghost: ended by another session of ann"));
                ann.play("""
                        > PRIVMSG NickServ :GHOST ann
                        < :NickServ!NickServ@services.causerie NOTICE ann :No other session of ann to end
                        """);
            }
        }
    }
}
