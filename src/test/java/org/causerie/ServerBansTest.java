package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13 item 8: server-wide bans by address, network or account, with a length and a reason, set by
 * server operators, applied at connect and at login, kept across a restart, and lifted.
 */
class ServerBansTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    private Wire root() {
        return RoomGuardsTest.operator(server);
    }

    /** The first line a connection from {@code local} gets: the welcome, or a refusal. */
    private String firstLine(String local) {
        try (Wire wire = Wire.connectFrom(local, server.port())) {
            return wire.next();
        }
    }

    @Test
    void aGuestsAddressIsBannedAtOnceAndAtEveryConnectUntilLifted() {
        try (Wire root = root(); Wire troll = Wire.greetedFrom("127.0.0.2", server.port())) {
            troll.send("/nick troll").expect("* #general: guest-2 is now troll");
            troll.send("/serverban root 1h no").expect("! not-server-operator: only server operators may do that");
            assertThat(root.ask("/serverban troll 1h spamming"))
                    .matches("= banned: network 127\\.0\\.0\\.2/32 until \\d{4}-.*Z");
            assertThat(troll.awaitClose()).contains("- banned from the server: spamming");

            assertThat(firstLine("127.0.0.2")).matches("! banned: you are banned from this server until .*Z: spamming");
            assertThat(firstLine("127.0.0.3")).startsWith("- welcome");
            assertThat(root.ask("/serverbans")).isEqualTo("= 1 server ban");
            assertThat(root.next()).matches("= network 127\\.0\\.0\\.2/32 until .*Z by root: spamming");

            server.restart(); // the ban is stored
            try (Wire again = server.connect()) {
                again.send("/login root root-password").expect(line -> line.startsWith("= you are logged in as root"));
                assertThat(firstLine("127.0.0.2")).startsWith("! banned: ");
                assertThat(again.ask("/serverunban 127.0.0.2")).isEqualTo("= the ban of 127.0.0.2/32 is lifted");
                assertThat(again.ask("/serverunban 127.0.0.2")).isEqualTo("! no-such-ban: no server ban of 127.0.0.2/32");
                assertThat(firstLine("127.0.0.2")).startsWith("- welcome");
            }
        }
    }

    @Test
    void anAccountIsBannedAtLoginWhereverItComesFrom() {
        try (Wire root = root(); Wire alice = server.connect()) {
            RoomGuardsTest.register(alice, "alice");
            assertThat(root.ask("/serverban alice forever")).isEqualTo("= banned: account alice for ever");
            assertThat(alice.awaitClose()).contains("- banned from the server");
            try (Wire back = Wire.greetedFrom("127.0.0.5", server.port())) {
                Transcript.play(back, """
                        > /login alice wrong-password
                        < ! bad-login: wrong nickname or password
                        > /login alice alice-password
                        < ! banned: you are banned from this server
                        > /nick alice
                        < ! nick-registered: alice is registered: /login alice PASSWORD
                        """);
            }
            assertThat(root.ask("/serverban root 1h")).isEqualTo("! bad-target: server operators cannot be banned");
        }
    }

    @Test
    void aBanLapses() {
        try (Wire root = root()) {
            assertThat(root.ask("/serverban 127.0.0.4 1s")).startsWith("= banned: network 127.0.0.4/32 until ");
            await().atMost(Wire.TIMEOUT).until(() -> firstLine("127.0.0.4").startsWith("- welcome"));
            assertThat(root.ask("/serverbans")).isEqualTo("= 0 server bans");
        }
    }

    @Test
    void badTargetsAndLengthsAreRefused() {
        try (Wire root = root()) {
            Transcript.play(Map.of("root", root), """
                    root> /serverban 203.0.113.7 5y
                    root< ! bad-length: a ban lasts 90s, 30m, 12h, 7d (at most 3650d), or forever; not 5y
                    root> /serverban 300.1.2.3 1h
                    root< ! bad-network: not an address or network (like 203.0.113.7, 203.0.113.0/24 or 2001:db8::/64; at least /8): 300.1.2.3
                    root> /serverban 0.0.0.0/0 1h
                    root< ! bad-network: not an address or network (like 203.0.113.7, 203.0.113.0/24 or 2001:db8::/64; at least /8): 0.0.0.0/0
                    root> /serverban nobody 1h
                    root< ! no-such-nick: nobody is called nobody: ban an account, a connected guest, an address or a network
                    root> /serverban 2001:db8::17 7d
                    root<~ = banned: network 2001:db8:0:0:0:0:0:0/64 until .*Z
                    """);
        }
    }
}
