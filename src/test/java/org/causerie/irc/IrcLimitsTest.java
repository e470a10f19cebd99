package org.causerie.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.causerie.IrcConfig;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The line door's limits on the IRC door: guest timeout until registration, IRC's 512 bytes, admission. */
class IrcLimitsTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder()
            .limits(Limits.DEFAULTS.toBuilder().guestTimeout(Duration.ofMillis(800)).keepAliveIdle(Duration.ofMillis(1200))
                    .connections(2, java.util.List.of(), 100).build())
            .irc(new IrcConfig(0, IrcWire.SERVER)).build());

    @Test
    void aClientThatTalksButNeverRegistersIsClosedAtTheGuestTimeout() {
        try (var irc = IrcWire.connect(server.server().ircPort())) {
            irc.send("CAP LS 302");
            irc.expect(line -> line.contains(" CAP * LS "));
            irc.send("NICK slow"); // no USER, and CAP negotiation never ends
            long start = System.nanoTime();
            var seen = irc.awaitClose();
            assertThat(seen).isNotEmpty();
            assertThat(seen.getLast()).isEqualTo("ERROR :Closing link: Registration timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aQuietRegisteredClientIsPingedAndStaysIfItAnswers() {
        try (var irc = IrcWire.registered(server.server().ircPort(), "calm")) {
            long start = System.nanoTime();
            irc.expect("PING :irc.test"); // after 1.2 s of silence, longer than the guest timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1_000));
            irc.send("PONG :irc.test");
            irc.expect("PING :irc.test"); // it stayed: pinged again after another silence
            irc.send("PONG :irc.test");
            irc.send("PING :still");
            irc.expect(":irc.test PONG irc.test :still");
        }
    }

    @Test
    void aClientThatDoesNotAnswerThePingIsDropped() {
        try (var irc = IrcWire.registered(server.server().ircPort(), "gone")) {
            irc.expect("PING :irc.test");
            assertThat(irc.awaitClose()).last().isEqualTo("ERROR :Closing link: Ping timeout: 1 seconds");
        }
    }

    @Test
    void aLineOverIrcs512BytesIsRefusedWith417AndTheSessionGoesOn() {
        try (var irc = IrcWire.registered(server.server().ircPort(), "long")) {
            irc.send("PRIVMSG long :" + "x".repeat(500));
            irc.expect(":irc.test 417 long :Input line was too long");
            irc.send("@+tag=" + "y".repeat(1000) + " PING :tags do not count");
            irc.expect(":irc.test PONG irc.test :tags do not count");
            irc.send("PING :" + "z".repeat(5000));
            irc.expect(":irc.test 417 long :Input line was too long");
            irc.send("PING :after");
            irc.expect(":irc.test PONG irc.test :after");
        }
    }

    @Test
    void theAdmissionIsSharedWithTheLineDoor() {
        try (var line = server.connect(); var first = IrcWire.registered(server.server().ircPort(), "one");
                var second = IrcWire.connect(server.server().ircPort())) {
            assertThat(second.awaitClose()).containsExactly("ERROR :Closing link: too many connections from your address (2)");
        }
    }
}
