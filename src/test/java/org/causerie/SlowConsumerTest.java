package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that stops reading must not slow anyone else: its outbox fills, it is dropped with a
 * reason the room is told, and the others get every message.
 */
class SlowConsumerTest {
    private static final int CAPACITY = 1024;
    private static final int MESSAGES = 8_000;
    private static final int ROUND = 200;
    private static final String DROPPED = "* #general: guest-3 quit (too slow: send queue full)";

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().outboxCapacity(CAPACITY)
            .limits(Limits.NONE).build()); // the rate limit would slow the talker first; this is about the outbox

    @Test
    void aClientThatStopsReadingIsDroppedAndTheOthersGetEverything() throws Exception {
        try (Wire talker = server.connect(); Wire listener = server.connect(); var sleeper = new Socket()) {
            sleeper.setReceiveBufferSize(4096); // small, so the server's writes back up quickly
            sleeper.connect(new InetSocketAddress("127.0.0.1", server.port()));
            sleeper.getOutputStream().write("/ping\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // seats it
            talker.expect("* #general: guest-3 joined");
            listener.expect("* #general: guest-3 joined");

            // A busy room, not a flood: the talker sends in rounds and the listener reads each round,
            // so the only client that falls behind is the one that never reads.
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
                    assertThat(line).isEqualTo("#general <guest-1> " + i + " " + payload);
                }
            }
            if (!sawDrop) {
                listener.expect(DROPPED);
            }
            assertThat(server.server().sessions()).isEqualTo(2);
        }
    }
}
