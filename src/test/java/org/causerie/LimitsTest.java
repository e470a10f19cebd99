package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every limit says so before it disconnects anyone, and none stops a well-behaved client. */
class LimitsTest {

    @Nested
    class Rate {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(
                Limits.builder().rate(5, 50).floodGrace(Duration.ofSeconds(30))
                        .guestTimeout(Duration.ofMinutes(2))
                        .keepAliveIdle(Duration.ofMinutes(2)).build()).build());

        @Test
        void aClientOverItsRateIsSlowedAndToldButLosesNothing() {
            try (Wire fast = server.connect()) {
                for (int i = 0; i < 60; i++) {
                    fast.send("line " + i);
                }
                var heard = new ArrayList<String>(); // the 60 echoes, and the notice somewhere among them
                for (int i = 0; i < 61; i++) {
                    heard.add(fast.next());
                }
                assertThat(heard).contains("- you are sending too fast: slowed down to 50 lines a second");
                var expected = new ArrayList<String>();
                for (int i = 0; i < 60; i++) {
                    expected.add("#general <guest-1> line " + i);
                }
                assertThat(heard).filteredOn(line -> line.startsWith("#")).containsExactlyElementsOf(expected);
                fast.send("/ping").expect("= pong");
            }
        }
    }

    @Nested
    class Flood {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(
                Limits.builder().rate(5, 20).floodGrace(Duration.ofSeconds(1))
                        .guestTimeout(Duration.ofMinutes(2))
                        .keepAliveIdle(Duration.ofMinutes(2)).build()).build());

        @Test
        void aClientThatKeepsFloodingIsDroppedAfterTheGrace() {
            try (Wire watcher = server.connect(); Wire flooder = server.connect()) {
                watcher.expect("* #general: guest-2 joined");
                var payload = new StringBuilder();
                for (int i = 0; i < 400; i++) { // 20 s of lines at its rate, sent at once
                    payload.append("flood ").append(i).append('\n');
                }
                flooder.sendRaw(payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                List<String> last = flooder.awaitClose();
                assertThat(last).contains("- you are sending too fast: slowed down to 20 lines a second",
                        "- disconnected: more than 20 lines a second for 1 s");
                watcher.expect("* #general: guest-2 quit (flooding)");
            }
        }

        @Test
        void aFloodDoesNotDelayAnotherClientBeyondABound() {
            try (Wire flooder = server.connect(); Wire alice = server.connect(); Wire bob = server.connect()) {
                alice.send("/join #quiet").expect("* #quiet: guest-2 joined");
                bob.send("/join #quiet").expect("* #quiet: guest-3 joined");
                var payload = new StringBuilder();
                for (int i = 0; i < 2_000; i++) {
                    payload.append("flood ").append(i).append('\n');
                }
                flooder.sendRaw(payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                var worst = Duration.ZERO;
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    alice.send("/msg guest-3 ping " + i);
                    bob.expect("@ guest-2 -> guest-3: ping " + i);
                    var took = Duration.ofNanos(System.nanoTime() - start);
                    worst = took.compareTo(worst) > 0 ? took : worst;
                }
                // A generous bound, to catch a flood that holds others up, not to measure speed.
                assertThat(worst).isLessThan(Duration.ofSeconds(2));
            }
        }
    }

    @Nested
    class Connections {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(
                Limits.builder().connections(3, List.of(), 5).build()).build());

        @Test
        void aFourthConnectionFromOneAddressIsRefusedWithAReason() {
            List<Wire> wires = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    wires.add(server.connect());
                }
                try (Wire fourth = Wire.connect(server.port())) {
                    assertThat(fourth.awaitClose()).containsExactly(
                            "! too-many-connections: too many connections from your address (3)");
                }
                wires.removeFirst().close();
                org.awaitility.Awaitility.await().atMost(Wire.TIMEOUT).until(() -> server.server().sessions() == 2);
                wires.add(server.connect()); // a place came free
            } finally {
                wires.forEach(Wire::close);
            }
        }
    }

    @Nested
    class ExemptAndTotal {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(
                Limits.builder().connections(1, List.of("127.0.0.0/8"), 3).build()).build());

        @Test
        void anExemptNetworkPassesThePerAddressLimitButNotTheTotal() {
            List<Wire> wires = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    wires.add(server.connect());
                }
                try (Wire fourth = Wire.connect(server.port())) {
                    assertThat(fourth.awaitClose()).containsExactly(
                            "! too-many-connections: the server is full (3 connections); try again later");
                }
            } finally {
                wires.forEach(Wire::close);
            }
        }
    }

    @Nested
    class Rooms {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(
                Limits.builder().rooms(3, 2).build()).build());

        @Test
        void roomsPerUserAndMembersPerRoom() {
            try (Wire alice = server.connect(); Wire bob = server.connect(); Wire carol = Wire.connect(server.port())) {
                // The lobby holds two: the third connection starts in no room, and is told why.
                assertThat(carol.next()).startsWith("- welcome");
                carol.send("/ping"); // the first line seats it, or would
                assertThat(carol.next()).isEqualTo("= pong");
                assertThat(carol.next()).isEqualTo("! room-full: #general is full (2 members); /join another room");
                alice.expect("* #general: guest-2 joined");
                Transcript.play(alice, """
                        > /join #a
                        < * #a: guest-1 joined
                        > /join #b
                        < * #b: guest-1 joined
                        > /join #c
                        < ! too-many-rooms: you are in 3 rooms already: /part one
                        """);
                bob.send("/join #a").expect("* #a: guest-2 joined");
                carol.send("/join #a").expect("! room-full: #a is full (2 members)");
                carol.send("/join #d").expect("* #d: guest-3 joined");
            }
        }
    }

    @Nested
    class Silence {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(
                Limits.builder().floodGrace(Duration.ofSeconds(20))
                        .guestTimeout(Duration.ofSeconds(1))
                        .keepAliveIdle(Duration.ofMinutes(2)).build()).build());

        @Test
        void aConnectionThatNeverSpeaksIsToldAndDroppedWithoutEverBeingSeated() {
            try (Wire talker = server.connect(); Wire mute = Wire.connect(server.port())) {
                List<String> heard = mute.awaitClose();
                assertThat(heard).hasSize(2);
                assertThat(heard.getLast()).isEqualTo("- closing: nothing was sent for 1 s after connecting");
                String nick = heard.getFirst().replaceFirst(".* you are (guest-\\d+) .*", "$1");
                assertThat(untilPong(talker)).as("the lobby never heard of the mute guest")
                        .noneMatch(line -> line.contains(nick));
            }
        }

        @Test
        void bytesWithoutAWholeLineDoNotEndTheSilence() {
            try (Wire dribbler = Wire.connect(server.port())) {
                dribbler.sendRaw("/nick half".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // no end of line
                assertThat(dribbler.awaitClose()).contains("- closing: nothing was sent for 1 s after connecting");
            }
        }

        /**
         * A byte every 200 ms re-armed the old per-read timeout for ever; the guest timeout is now a
         * deadline on the first whole line, so the trickler is cut at 1 s, and was never seated.
         */
        @Test
        void aConnectionTricklingBytesIsClosedAtTheDeadlineAndNeverSeated() {
            var trickle = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try (Wire talker = server.connect(); Wire trickler = Wire.connect(server.port())) {
                String nick = trickler.expect(line -> line.startsWith("- welcome"))
                        .replaceFirst(".* you are (guest-\\d+) .*", "$1");
                long start = System.nanoTime();
                trickle.scheduleAtFixedRate(() -> {
                    try {
                        trickler.sendRaw(new byte[] {'x'});
                    } catch (java.io.UncheckedIOException closed) {
                        // the server cut it: what the test waits for
                    }
                }, 0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
                List<String> heard = trickler.awaitClose();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(heard).contains("- closing: nothing was sent for 1 s after connecting");
                assertThat(took).as("cut at the deadline, not before").isGreaterThanOrEqualTo(Duration.ofMillis(900))
                        .as("cut near the deadline, although a byte came every 200 ms").isLessThan(Duration.ofSeconds(5));
                assertThat(untilPong(talker)).as("the trickler was never seated nor announced")
                        .noneMatch(line -> line.contains(nick));
            } finally {
                trickle.shutdownNow();
            }
        }
    }

    /** Every line {@code wire} receives up to the answer to a /ping sent now (read in order: none skipped). */
    static List<String> untilPong(Wire wire) {
        wire.send("/ping");
        var lines = new java.util.ArrayList<String>();
        for (String line = wire.next(); !line.equals("= pong"); line = wire.next()) {
            lines.add(line);
        }
        return lines;
    }

    @Nested
    class Lifted {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(Limits.NONE).build());

        @Test
        void noLimitsLetsABurstThroughUnslowed() {
            try (Wire fast = server.connect()) {
                for (int i = 0; i < 500; i++) {
                    fast.send("line " + i);
                }
                for (int i = 0; i < 500; i++) {
                    assertThat(fast.next()).isEqualTo("#general <guest-1> line " + i);
                }
            }
        }
    }
}
