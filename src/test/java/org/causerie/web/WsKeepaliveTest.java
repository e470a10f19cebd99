package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After its first line a WebSocket is pinged when quiet for the keepalive idle time (1 s here), and
 * dropped when it stays quiet as long again; a client that answers pings (every browser, the JDK's
 * client) stays however long it says nothing. A raw client that never answers plays the vanished peer.
 */
class WsKeepaliveTest {
    private static final Duration QUIET = Duration.ofSeconds(1);

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null)
            .limits(Limits.DEFAULTS.toBuilder().keepAliveIdle(QUIET).build()).web(WebConfig.httpOnly()).build());

    @Test
    void aSocketThatStopsAnsweringPingsIsPingedThenDroppedWithTheReason() throws IOException {
        try (Wire watcher = Wire.join(server.port(), "watcher"); var raw = RawWs.open(server.server().httpPort(), 0)) {
            assertThat(raw.next().text()).contains("\"welcome\"");
            raw.send("/nick quiet");
            long spoke = System.nanoTime();
            watcher.expect("* #general: quiet joined");
            RawWs.Frame frame;
            do {
                frame = raw.next(); // text frames (the join, the nick) until the ping; never answered
            } while (frame.opcode() == RawWs.TEXT);
            assertThat(frame.opcode()).isEqualTo(RawWs.PING);
            long pinged = System.nanoTime();
            assertThat(Duration.ofNanos(pinged - spoke)).isGreaterThanOrEqualTo(QUIET.minusMillis(100));

            watcher.expect("* #general: quiet quit (ping timeout: 1 s)");
            String reason = null;
            try {
                while ((frame = raw.next()).opcode() != RawWs.CLOSE) {
                    assertThat(frame.opcode()).isEqualTo(RawWs.TEXT);
                }
                reason = new String(frame.payload(), 2, frame.payload().length - 2, java.nio.charset.StandardCharsets.UTF_8);
            } catch (EOFException closedWithoutACloseFrame) {
                // acceptable: the socket is gone either way; the room was told why above
            }
            assertThat(Duration.ofNanos(System.nanoTime() - pinged)).isGreaterThanOrEqualTo(QUIET.minusMillis(100));
            if (reason != null) {
                assertThat(reason).isEqualTo("ping timeout: 1 s");
            }
        }
    }

    @Test
    void aSocketThatAnswersPingsStaysThoughItSaysNothing() {
        try (var ws = Ws.open(server.server().httpPort())) {
            ws.expect("welcome");
            ws.send("/nick alive");
            ws.expect("nick");
            await().atMost(Duration.ofSeconds(15)).until(() -> ws.pings() >= 3 || ws.closed());
            assertThat(ws.closed()).as("closed though it answered every ping").isFalse();
            ws.send("/calc 6*7");
            assertThat(ws.expect("reply").path("text").asText()).isEqualTo("42");
        }
    }

    @Test
    void aClientsPingIsAnsweredAndTheSocketReadsOn() {
        try (var ws = Ws.open(server.server().httpPort())) {
            ws.expect("welcome");
            ws.send("/ping");
            ws.expect("reply");
            ws.ping();
            await().atMost(Ws.TIMEOUT).until(() -> ws.pongs() >= 1);
            ws.send("/calc 2+2");
            assertThat(ws.expect("reply").path("text").asText()).isEqualTo("4");
        }
    }
}
