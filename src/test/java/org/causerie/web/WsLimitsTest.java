package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The line door's flood rule holds over the WebSocket: a client over its rate is slowed (its next frame
 * is asked for only when its line's turn comes) and told once, losing nothing; one that stays over it for
 * the whole grace is told and dropped, and its rooms hear why. As {@code LimitsTest} on the line door.
 */
class WsLimitsTest {
    @Nested
    class Rate {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
                .limits(Limits.builder().rate(5, 50).floodGrace(Duration.ofSeconds(30)).build())
                .web(WebConfig.httpOnly()).build());

        @Test
        void aClientOverItsRateIsSlowedAndToldButLosesNothing() {
            try (var fast = Ws.open(server.server().httpPort())) {
                fast.expect("welcome");
                fast.send("/ping");
                fast.expect("reply");
                long start = System.nanoTime();
                for (int i = 0; i < 60; i++) {
                    fast.send("line " + i);
                }
                var texts = new ArrayList<String>();
                boolean told = false;
                while (texts.size() < 60) {
                    JsonNode frame = fast.next();
                    switch (frame.path("type").asText()) {
                        case "message" -> texts.add(frame.path("text").asText());
                        case "notice" -> told |= frame.path("text").asText()
                                .equals("you are sending too fast: slowed down to 50 lines a second");
                        default -> { }
                    }
                }
                // 5 lines at once, then 50 a second: the last of 60 after 55 / 50 = 1.1 s at the earliest
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("slowed to the rate")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1_050));
                assertThat(told).as("told it is slowed").isTrue();
                var expected = new ArrayList<String>();
                for (int i = 0; i < 60; i++) {
                    expected.add("line " + i);
                }
                assertThat(texts).containsExactlyElementsOf(expected);
                fast.send("/calc 1+2");
                assertThat(fast.expect("reply").path("text").asText()).isEqualTo("3");
            }
        }
    }

    @Nested
    class Flood {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
                .limits(Limits.builder().rate(5, 20).floodGrace(Duration.ofSeconds(1)).build())
                .web(WebConfig.httpOnly()).build());

        @Test
        void aClientThatKeepsFloodingIsToldAndDroppedAfterTheGrace() {
            try (Wire watcher = Wire.join(server.port(), "watcher"); var flooder = Ws.open(server.server().httpPort())) {
                flooder.expect("welcome");
                flooder.send("/nick flooder");
                watcher.expect("* #general: flooder joined");
                for (int i = 0; i < 400; i++) { // 20 s of lines at its rate, sent as fast as the socket takes them
                    if (flooder.closed()) {
                        break;
                    }
                    try {
                        flooder.send("flood " + i);
                    } catch (RuntimeException closedMeanwhile) {
                        break;
                    }
                }
                assertThat(flooder.awaitClose()).isEqualTo(1000);
                assertThat(flooder.all()).anyMatch(frame -> frame.contains(
                        "you are sending too fast: slowed down to 20 lines a second"));
                assertThat(flooder.all()).anyMatch(frame -> frame.contains(
                        "disconnected: more than 20 lines a second for 1 s"));
                watcher.expect("* #general: flooder quit (flooding)");
            }
        }
    }
}
