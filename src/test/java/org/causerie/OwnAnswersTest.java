package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/concurrency.md, guarantee 4, its second half: a client that sends faster than it reads its own
 * answers is slowed (its reader stops while its outbox is more than half full, so TCP pushes back on
 * it alone), not dropped as too slow. Its answers here are far more than the kernel's buffers and the
 * outbox hold together, so the outbox would overflow if the server went on reading.
 *
 * <p>Two kinds of answers: {@code /echo} replies, queued by the reader itself, and the echoes of room
 * messages, queued by the journal after their commit. The reader counts the second kind while they are
 * in the journal (the outbox's in-flight count); without it, a client with no flood limit that keeps
 * more than half an outbox of messages in the journal was dropped by its own echoes (docs/testing.md,
 * "Found by these tests").
 */
class OwnAnswersTest {
    private static final int CAPACITY = 64;
    private static final int MESSAGES = 2_500;
    private static final String PAYLOAD = "x".repeat(4_000); // 2,500 echoes of 4 KB: 10 MB
    private static final Pattern REPLY = Pattern.compile("= (\\d+) x+");
    private static final Pattern ROOM_ECHO = Pattern.compile("#general <guest-1> (\\d+) x+");

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().outboxCapacity(CAPACITY)
            .limits(Limits.NONE).build()); // the flood rule would slow it first; this is about its own outbox

    @Test
    void aClientThatSendsFasterThanItReadsItsOwnRepliesIsSlowedNotDropped() throws Exception {
        sendAllThenRead("/echo ", REPLY);
    }

    @Test
    void aClientThatSendsRoomMessagesFasterThanItReadsTheirEchoesIsSlowedNotDropped() throws Exception {
        sendAllThenRead("", ROOM_ECHO); // a plain line is a message to #general, where a guest starts
    }

    private void sendAllThenRead(String prefix, Pattern answer) throws Exception {
        try (var socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.setSoTimeout(30_000); // a test that cannot hang: a read waits 30 s at most
            OutputStream out = socket.getOutputStream();
            // Everything is written before a single byte is read: the writes block once the server stops
            // reading, which is the point; they go on as the reader below makes room.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        out.write((prefix + i + " " + PAYLOAD + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the server closed the connection: the reader's assertion says so
                }
            });
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            // The reader starts once the writer is blocked (the server stopped reading it) or done (the
            // server read everything, or dropped it): either way the server has had its chance to overflow.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !writer.isAlive() || writer.getState() == Thread.State.WAITING);
            int next = 0;
            String line;
            while (next < MESSAGES && (line = in.readLine()) != null) {
                var echo = answer.matcher(line);
                if (echo.matches()) {
                    assertThat(Integer.parseInt(echo.group(1))).as("replies in the order sent").isEqualTo(next);
                    next++;
                } else {
                    assertThat(line).as("no line but the welcome and the replies").doesNotContain("too slow", "quit");
                }
            }
            assertThat(next).as("every reply came, the connection was never dropped").isEqualTo(MESSAGES);
            writer.join();
        }
    }
}
