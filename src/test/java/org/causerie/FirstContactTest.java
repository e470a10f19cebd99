package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * First contact on the line door (docs/protocol.md, "A session"): the welcome comes at once; the session
 * is seated in #general and announced only after its first whole line, which runs before the seat, so a
 * first {@code /format json} or {@code /nick} applies to the join and the replay. A first message is
 * said in #general once seated.
 */
class FirstContactTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void aConnectionThatHasSaidNothingIsNotSeated() {
        try (Wire watcher = server.connect(); Wire silent = Wire.connect(server.port())) {
            String welcome = silent.next();
            assertThat(welcome).matches("- welcome to causerie \\S+: you are guest-2 in #general \\(.*\\)");
            assertThat(LimitsTest.untilPong(watcher)).as("the lobby hears nothing of it").isEmpty();
            assertThat(server.server().sessions()).isEqualTo(2);
            silent.assertNothingPending(); // its own join has not come either
        }
    }

    @Test
    void aFirstFormatJsonAppliesToTheJoinAndTheReplay() {
        try (Wire alice = server.connect()) {
            alice.send("before you came").expect("#general <guest-1> before you came");
            try (Wire bot = Wire.connect(server.port())) {
                assertThat(bot.next()).startsWith("- welcome"); // text: the client has chosen nothing yet
                bot.send("/format json");
                assertThat(bot.nextJson().get("type").asText()).isEqualTo("reply");
                assertThat(bot.next()).isEqualTo("{\"type\":\"join\",\"room\":\"#general\",\"nick\":\"guest-2\"}");
                var replayed = bot.nextJson();
                assertThat(replayed.get("text").asText()).isEqualTo("before you came");
                assertThat(replayed.get("history").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void aFirstNickIsTheNameTheLobbyIsToldOf() {
        try (Wire watcher = server.connect(); Wire alice = Wire.connect(server.port())) {
            alice.expect(line -> line.startsWith("- welcome"));
            alice.send("/nick alice");
            assertThat(alice.next()).isEqualTo("* you are now alice");
            assertThat(alice.next()).isEqualTo("* #general: alice joined");
            List<String> heard = LimitsTest.untilPong(watcher);
            assertThat(heard).containsExactly("* #general: alice joined");
        }
    }

    @Test
    void aFirstMessageIsSaidInTheLobbyOnceSeated() {
        try (Wire watcher = server.connect(); Wire chatty = Wire.connect(server.port())) {
            chatty.expect(line -> line.startsWith("- welcome"));
            chatty.send("hello all");
            assertThat(chatty.next()).isEqualTo("* #general: guest-2 joined");
            chatty.expect("#general <guest-2> hello all");
            watcher.expect("* #general: guest-2 joined");
            watcher.expect("#general <guest-2> hello all");
        }
    }

    @Test
    void aFirstQuitLeavesWithoutEverBeingSeated() {
        try (Wire watcher = server.connect(); Wire brief = Wire.connect(server.port())) {
            brief.expect(line -> line.startsWith("- welcome"));
            brief.send("/quit");
            assertThat(brief.awaitClose()).containsExactly("= bye");
            assertThat(LimitsTest.untilPong(watcher)).isEmpty();
        }
    }

    @Test
    void aFirstJoinKeepsItsRoomCurrentAndTheLobbyToo() {
        try (Wire watcher = server.connect(); Wire dev = Wire.connect(server.port())) {
            dev.expect(line -> line.startsWith("- welcome"));
            dev.send("/join #dev");
            assertThat(dev.next()).isEqualTo("* #dev: guest-2 joined");
            assertThat(dev.next()).isEqualTo("* #general: guest-2 joined");
            dev.send("in dev").expect("#dev <guest-2> in dev");
            watcher.expect("* #general: guest-2 joined");
        }
    }

    /** Connections opened and closed are in the audit log, with the address, the door and why it ended. */
    @Test
    void connectionsAreAuditedWithAddressDoorAndReason() throws Exception {
        try (var audit = org.causerie.net.CapturedLog.of(org.causerie.audit.Audit.LOGGER)) {
            try (var socket = new java.net.Socket()) { // an address of its own: the audit log limits each
                socket.bind(new java.net.InetSocketAddress("127.0.0.97", 0));
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                socket.getOutputStream().write("/quit see you\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                socket.setSoTimeout((int) Wire.TIMEOUT.toMillis());
                socket.getInputStream().readAllBytes(); // until the server closes
            }
            org.awaitility.Awaitility.await().atMost(Wire.TIMEOUT).until(() -> audit.contains("conn_closed"));
            assertThat(audit.messages()).filteredOn(line -> line.contains("address=127.0.0.97")).satisfiesExactly(
                    open -> assertThat(open).matches("conn_open address=127\\.0\\.0\\.97 door=line transport=plain session=\\d+"),
                    closed -> assertThat(closed).matches(
                            "conn_closed address=127\\.0\\.0\\.97 door=line session=\\d+ reason=\"see you\""));
        }
    }
}
