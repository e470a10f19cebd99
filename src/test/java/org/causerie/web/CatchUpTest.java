package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.causerie.store.Retention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /catchup ROOM ID}: exactly what was missed, in order, then live, while the room goes on talking. */
class CatchUpTest {
    private static final int MESSAGES = 400;
    private static final int AFTER = 5;

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().web(WebConfig.httpOnly()).limits(Limits.NONE).build());

    @Test
    void aReconnectWhileTheRoomTalksGetsEveryIdOnceInOrder() throws Exception {
        int http = server.server().httpPort();
        try (var talker = Wire.greeted(server.port())) {
            talker.send("/join #dev");
            talker.expect(line -> line.startsWith("* #dev: ") && line.endsWith(" joined"));
            long lastSeen;
            try (var first = Ws.open(http)) {
                first.expect("welcome");
                first.send("/join #dev");
                first.expect("join");
                for (int i = 1; i <= 20; i++) {
                    talker.send("before " + i);
                }
                lastSeen = first.expect(f -> f.path("type").asText().equals("message") && f.path("text").asText()
                        .equals("before 10")).path("id").asLong();
            } // the connection drops here, with ten messages it never read
            var stop = new AtomicBoolean();
            var caughtUp = new java.util.concurrent.CountDownLatch(1);
            var writer = Thread.ofVirtual().start(() -> {
                for (int i = 1; i <= MESSAGES && !stop.get(); i++) {
                    talker.send("during " + i);
                }
                try { // and five more once the catch-up has answered: those are live whatever the timing
                    if (caughtUp.await(Ws.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        for (int i = 1; i <= AFTER; i++) {
                            talker.send("after " + i);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (var again = Ws.open(http)) {
                again.expect("welcome");
                again.send("/catchup #dev " + lastSeen);
                List<Long> ids = new ArrayList<>();
                List<String> kinds = new ArrayList<>();
                long lastId = lastSeen + 20 - 10 + MESSAGES + AFTER;
                while (ids.isEmpty() || ids.getLast() < lastId) {
                    JsonNode frame = again.expect(f -> f.path("type").asText().equals("message")
                            || f.path("command").asText().equals("catchup"));
                    if (frame.path("type").asText().equals("reply")) {
                        caughtUp.countDown();
                        continue;
                    }
                    ids.add(frame.path("id").asLong());
                    kinds.add(frame.path("missed").asBoolean() ? "missed" : frame.path("history").asBoolean()
                            ? "history" : "live");
                }
                writer.join();
                var expected = new ArrayList<Long>();
                for (long id = lastSeen + 1; id <= lastId; id++) {
                    expected.add(id);
                }
                assertThat(ids).as("every id after the last one seen, once, in order").isEqualTo(expected);
                assertThat(kinds).doesNotContain("history");
                assertThat(kinds.subList(0, 10)).containsOnly("missed"); // the ten it never read
                assertThat(kinds.subList(kinds.size() - AFTER, kinds.size())).containsOnly("live");
                int firstLive = kinds.indexOf("live");
                assertThat(kinds.subList(firstLive, kinds.size())).as("missed first, then live").containsOnly("live");
                assertThat(again.seen()).noneMatch(frame -> frame.contains("\"type\":\"gap\""));
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }

    @Test
    void aMemberOfTheLobbyGetsOnlyWhatTheReplayDidNotGiveIt() {
        int http = server.server().httpPort();
        try (var talker = Wire.greeted(server.port())) {
            for (int i = 1; i <= 30; i++) {
                talker.send("m" + i);
            }
            talker.expect(line -> line.endsWith("> m30"));
            try (var ws = Ws.open(http)) {
                ws.expect("welcome");
                ws.send("/ping"); // the first line: then it is seated in #general with the replay of ids 11-30
                ws.expect("reply");
                ws.expect(f -> f.path("history").asBoolean() && f.path("id").asLong() == 30);
                ws.send("/catchup #general 4");
                List<Long> missed = new ArrayList<>();
                JsonNode frame;
                while (!(frame = ws.next()).path("type").asText().equals("reply")) {
                    if (frame.path("missed").asBoolean()) {
                        missed.add(frame.path("id").asLong());
                    }
                }
                assertThat(missed).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
                assertThat(frame.path("text").asText()).isEqualTo("caught up on #general: 6 messages missed (5-10)");
            }
        }
    }

    @Test
    void whatRetentionDroppedComesAsAGap() {
        var pruned = new TestServer(ServerConfig.builder().web(WebConfig.httpOnly()).replay(0)
                .retention(new Retention(null, 5L)).build());
        pruned.beforeEach(null);
        try {
            try (var talker = Wire.greeted(pruned.port())) {
                for (int i = 1; i <= 12; i++) {
                    talker.send("m" + i);
                }
                talker.expect(line -> line.endsWith("> m12"));
            }
            pruned.restart(); // retention prunes at start: ids 1-7 go
            try (var ws = Ws.open(pruned.server().httpPort())) {
                ws.expect("welcome");
                ws.send("/catchup #general 2"); // the first line: it runs before the seat in the lobby
                JsonNode gap = ws.expect("gap");
                assertThat(gap.path("from").asLong()).isEqualTo(3);
                assertThat(gap.path("to").asLong()).isEqualTo(7);
                List<Long> ids = new ArrayList<>();
                JsonNode frame;
                while (!(frame = ws.next()).path("type").asText().equals("reply")) {
                    if (frame.path("type").asText().equals("message")) {
                        ids.add(frame.path("id").asLong());
                    }
                }
                assertThat(ids).containsExactly(8L, 9L, 10L, 11L, 12L);
            }
        } finally {
            pruned.afterEach(null);
        }
    }
}
