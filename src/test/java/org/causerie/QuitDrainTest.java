package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/lab.md IV.3: a client that says {@code fin} gets everything still queued for it, then {@code = bye},
 * then a clean end of stream. The client here reads nothing until it has sent {@code fin}, so that
 * megabytes of answers still wait in its outbox when the server handles it (a {@link Wire} reads all the
 * time and would leave nothing queued).
 */
class QuitDrainTest {
    private static final int ECHOES = 1_500; // under half the outbox (4,096 events): the server keeps reading
    private static final String TEXT = "x".repeat(4_000);

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().limits(Limits.NONE).build());

    @Test
    void finAfterMegabytesOfAnswersGetsThemAllThenByeThenTheEnd() throws Exception {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            var commands = new StringBuilder();
            for (int i = 0; i < ECHOES; i++) {
                commands.append("/echo ").append(i).append(' ').append(TEXT).append('\n');
            }
            out.write(commands.toString().getBytes(StandardCharsets.UTF_8));
            out.write("fin\n".getBytes(StandardCharsets.UTF_8));
            out.flush();

            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int echoes = 0;
            String last = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("= ") && line.endsWith(TEXT)) {
                    assertThat(line).as("echoes in order").startsWith("= " + echoes + " ");
                    echoes++;
                }
                last = line;
            }
            assertThat(echoes).as("every answer queued before fin").isEqualTo(ECHOES);
            assertThat(last).as("the last line before the end of stream").isEqualTo("= bye");
        }
    }
}
