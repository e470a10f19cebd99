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

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.defaults().withOutboxCapacity(CAPACITY));

    @Test
    void aClientThatStopsReadingIsDroppedAndTheOthersGetEverything() throws Exception {
        try (Wire talker = server.connect(); Wire listener = server.connect(); var sleeper = new Socket()) {
            sleeper.setReceiveBufferSize(4096); // small, so the server's writes back up quickly
            sleeper.connect(new InetSocketAddress("127.0.0.1", server.port()));
            talker.expect("* #general: guest-3 joined");
            listener.expect("* #general: guest-3 joined");

            String payload = "y".repeat(1000);
            for (int i = 0; i < MESSAGES; i++) {
                talker.send(i + " " + payload);
            }
            // The listener reads along and must see all of it, in order, with the sleeper dropped on the way.
            int next = 0;
            boolean sawDrop = false;
            while (next < MESSAGES) {
                String line = listener.next();
                if (line.equals("* #general: guest-3 quit (too slow: send queue full)")) {
                    sawDrop = true;
                    continue;
                }
                assertThat(line).isEqualTo("#general <guest-1> " + next + " " + payload);
                next++;
            }
            if (!sawDrop) {
                listener.expect("* #general: guest-3 quit (too slow: send queue full)");
            }
            assertThat(server.server().sessions()).isEqualTo(2);
        }
    }
}
