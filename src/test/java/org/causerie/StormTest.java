package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connect/disconnect storms (issue 13, item 6): new connections from one address are limited to a rate
 * and the refused client is told why; guests that come and go in a busy room cost its members nothing,
 * since a guest's arrival there is announced only once it speaks, logs in or stays, and the leaving of
 * one never announced is not announced either. A normal user is served meanwhile.
 */
class StormTest {
    private static final int CYCLES = 60;

    @Nested
    class Rate {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(Limits.builder()
                .arrivals(Arrivals.DEFAULTS.withConnectRate(5, 0.5)).build()).build());

        @Test
        void aStormFromOneAddressIsRefusedAtItsRateAndToldWhy() throws Exception {
            try (Wire watcher = server.connect()) { // the first of the address's 5 tokens
                long start = System.nanoTime();
                int welcomed = 0;
                String refusal = null;
                for (int i = 0; i < CYCLES; i++) {
                    try (Wire storm = Wire.connect(server.port())) {
                        String first = storm.next();
                        if (first.startsWith("- welcome")) {
                            welcomed++;
                        } else {
                            refusal = first;
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(welcomed).as("4 tokens left, then half a token a second over %.1f s", seconds)
                        .isLessThanOrEqualTo(4 + (int) Math.ceil(seconds * 0.5));
                assertThat(refusal).matches("! connecting-too-fast: too many new connections from your address"
                        + " \\(5 at once, then 0\\.5 a second\\); try again in \\d+ s");
                assertThat(watcher.ask("/ping")).isEqualTo("= pong");
                // Another address is not slowed down by this one.
                try (var other = new Socket()) {
                    other.bind(new InetSocketAddress("127.0.0.2", 0));
                    other.connect(new InetSocketAddress("127.0.0.1", server.port()));
                    other.setSoTimeout((int) Wire.TIMEOUT.toMillis());
                    var in = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(in.readLine()).startsWith("- welcome");
                }
            }
        }
    }

    /** {@code causerie server --connect-rate 2/0.01}: the third connection in a row is refused. */
    @Test
    void theRateIsSetFromTheCommandLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        var server = ServerProcess.start(data, null, "--connect-rate", "2/0.01");
        try {
            for (int i = 0; i < 2; i++) {
                try (Wire wire = Wire.connect(server.port())) {
                    assertThat(wire.next()).startsWith("- welcome");
                }
            }
            try (Wire third = Wire.connect(server.port())) {
                assertThat(third.next()).startsWith("! connecting-too-fast: too many new connections from your"
                        + " address (2 at once, then 0.01 a second)");
            }
        } finally {
            server.process().destroyForcibly().waitFor();
        }
    }

    @Nested
    class Quiet {
        /** Rooms of more than one member hold guests' arrivals; a guest that stays 2 s is announced. */
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(Limits.builder()
                .arrivals(Arrivals.DEFAULTS.withConnectRate(1_000, 1_000).withQuiet(1, Duration.ofSeconds(2)))
                .build()).build());

        @Test
        void guestsComingAndGoingCostTheMembersNothing() {
            try (Wire watcher = server.connect(); Wire regular = server.connect()) {
                watcher.expect("* #general: guest-2 joined"); // a room of one: announced
                for (int i = 0; i < CYCLES; i++) {
                    try (Wire guest = Wire.greeted(server.port())) { // seated: its own join came
                        guest.send("/quit").expect("= bye");
                    }
                }
                List<String> heard = LimitsTest.untilPong(watcher);
                assertThat(heard).as("%d guests came and went", CYCLES)
                        .filteredOn(line -> line.endsWith(" joined") || line.contains(" quit")).isEmpty();
                assertThat(regular.ask("/ping")).isEqualTo("= pong");
            }
        }

        @Test
        void aGuestThatSpeaksIsAnnouncedFirstAndItsLeavingToo() {
            try (Wire watcher = server.connect(); Wire regular = server.connect(); Wire guest = Wire.greeted(server.port())) {
                guest.send("hello");
                guest.expect("#general <guest-3> hello");
                assertThat(LimitsTest.untilPong(watcher)).containsExactly("* #general: guest-2 joined",
                        "* #general: guest-3 joined", "#general <guest-3> hello");
                guest.send("/quit bye").expect("= bye");
                watcher.expect("* #general: guest-3 quit (bye)");
            }
        }

        @Test
        void aGuestThatStaysIsAnnouncedAfterAWhileUnderItsName() {
            try (Wire watcher = server.connect(); Wire regular = server.connect(); Wire guest = Wire.greeted(server.port())) {
                guest.send("/nick quietly").expect("* #general: guest-3 is now quietly"); // to itself only
                assertThat(LimitsTest.untilPong(watcher)).containsExactly("* #general: guest-2 joined");
                watcher.expect("* #general: quietly joined"); // within Wire.TIMEOUT; due after 2 s
                guest.send("/quit").expect("= bye");
                watcher.expect("* #general: quietly quit (quit)");
            }
        }
    }
}
