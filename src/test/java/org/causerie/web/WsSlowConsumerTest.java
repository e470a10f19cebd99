package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.causerie.net.CapturedLog;
import org.causerie.net.MessageConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A WebSocket client that stops reading must not slow anyone else, as on the line door
 * ({@code SlowConsumerTest}): its outbox fills, it is dropped with a logged reason the room is told,
 * and the others (a line client, a WebSocket client) get every message while the talker never waits.
 */
class WsSlowConsumerTest {
    private static final int CAPACITY = 1024;
    private static final int MESSAGES = 8_000;
    private static final int ROUND = 200;
    private static final String DROPPED = "* #general: sleeper quit (too slow: send queue full)";

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
            .outboxCapacity(CAPACITY).limits(Limits.NONE).web(WebConfig.httpOnly()).build());

    @Test
    void aWebSocketThatStopsReadingIsDroppedAndTheOthersGetEverything() throws Exception {
        try (var log = CapturedLog.of(MessageConnection.class); Wire talker = Wire.join(server.port(), "talker");
                Wire listener = Wire.join(server.port(), "listener"); var browser = Ws.open(server.server().httpPort());
                var sleeper = RawWs.open(server.server().httpPort(), 4096)) {
            browser.expect("welcome");
            browser.send("/nick browser");
            talker.expect("* #general: browser joined");
            sleeper.send("/nick sleeper"); // seats it; from now on it reads nothing
            talker.expect("* #general: sleeper joined");
            listener.expect("* #general: sleeper joined");
            browser.expect(f -> f.path("type").asText().equals("join") && f.path("nick").asText().equals("sleeper"));

            // A busy room, not a flood: the talker sends in rounds and the others read each round, so the
            // only client that falls behind is the one that never reads. Were the talker held up by it,
            // a round would never end and the test would time out.
            String payload = "y".repeat(1000);
            boolean sawDrop = false;
            for (int sent = 0; sent < MESSAGES; sent += ROUND) {
                for (int i = sent; i < sent + ROUND; i++) {
                    talker.send(i + " " + payload);
                }
                for (int i = sent; i < sent + ROUND; i++) {
                    String line = listener.next();
                    if (line.equals(DROPPED)) {
                        sawDrop = true;
                        line = listener.next();
                    }
                    assertThat(line).isEqualTo("#general <talker> " + i + " " + payload);
                    JsonNode frame = browser.expect("message");
                    assertThat(frame.path("text").asText()).isEqualTo(i + " " + payload);
                }
            }
            if (!sawDrop) {
                listener.expect(DROPPED);
            }
            assertThat(log.contains("sendq_exceeded", "door=websocket", "capacity=" + CAPACITY)).isTrue();
            assertThat(server.server().sessions()).isEqualTo(3);
        }
    }
}
