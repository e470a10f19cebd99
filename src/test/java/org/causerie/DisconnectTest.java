package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that leave without saying goodbye: the server frees their nickname and seats, tells the
 * rooms, and goes on serving everyone else.
 */
class DisconnectTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().outboxCapacity(64).build());

    @Test
    void aResetFreesTheNicknameAndTellsTheRooms() throws Exception {
        try (Wire watcher = server.connect()) {
            Wire leaver = server.connect();
            leaver.send("/nick leaver").expect("* #general: guest-2 is now leaver");
            leaver.send("/join #side").expect("* #side: leaver joined");
            leaver.socket().setSoLinger(true, 0); // close() now sends a TCP reset
            leaver.close();
            watcher.expect("* #general: leaver quit (connection reset)");
            await().atMost(Wire.TIMEOUT).until(() -> server.server().sessions() == 1);
            watcher.send("/rooms");
            watcher.expect("= 1 room");
            try (Wire taker = server.connect()) {
                taker.send("/nick leaver").expect("* #general: guest-3 is now leaver");
            }
        }
    }

    @Test
    void anEndOfStreamMidLineDropsThePartialLine() throws Exception {
        try (Wire watcher = server.connect()) {
            var socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.getOutputStream().write("/ping\nhalf a mess".getBytes(StandardCharsets.UTF_8)); // seated, then half
            socket.getOutputStream().flush();
            watcher.expect("* #general: guest-2 joined");
            socket.shutdownOutput();
            watcher.expect("* #general: guest-2 quit (connection closed by peer)");
            socket.close();
            watcher.send("/ping").expect("= pong");
            assertThat(watcher.drain()).isEmpty();
        }
    }

    @Test
    void theServerOutlivesItsClients() {
        for (int i = 0; i < 20; i++) {
            Wire wire = server.connect();
            wire.send("/echo still here " + i).expect("= still here " + i);
            wire.close();
        }
        try (Wire last = server.connect()) {
            last.send("/ping").expect("= pong");
        }
        await().atMost(Wire.TIMEOUT).until(() -> server.server().sessions() == 0);
    }
}
