package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, item 7: eighty guests from one address, each within its own rate, try to bury a victim who
 * does not read under large private messages, until its queue overflows and the server drops it as too
 * slow. What one address may send one recipient is bounded; the victim stays, and a sender from another
 * address still reaches it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateFloodTest {
    private static final int SENDERS = 80;
    private static final int EACH = 25; // within the default burst (40), and fewer echoes than the queue holds
    private static final String BIG = "x".repeat(3_900);

    /** A small queue, so that what the budget lets through must fit and what it stops would not. */
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().outboxCapacity(32).build());

    @Test
    void manySendersFromOneAddressCannotPushAVictimOut() throws Exception {
        try (Socket victim = new Socket()) {
            victim.setReceiveBufferSize(4096); // it reads nothing during the flood: its queue fills fast
            victim.connect(new InetSocketAddress("127.0.0.1", server.port()));
            var out = victim.getOutputStream();
            out.write("/nick victim\n/part #general\n".getBytes(StandardCharsets.UTF_8)); // seated after its first line
            out.flush();

            var refused = new AtomicInteger();
            var senders = new ArrayList<Wire>();
            try {
                for (int i = 0; i < SENDERS; i++) {
                    senders.add(Wire.greetedFrom("127.0.0.2", server.port()));
                }
                senders.getFirst().send("/ping").expect("= pong"); // the victim is named by now
                for (Wire sender : senders) {
                    for (int n = 0; n < EACH; n++) {
                        sender.send("/msg victim " + BIG);
                    }
                    sender.send("/ping");
                }
                for (Wire sender : senders) {
                    for (String line = sender.next(); !line.equals("= pong"); line = sender.next()) {
                        if (line.startsWith("! too-much-to-one: your address has sent victim too much")) {
                            refused.incrementAndGet();
                        }
                    }
                }
                // Before the senders quit: 80 quits in #general would overflow this newcomer's small queue.
                try (Wire other = Wire.greetedFrom("127.0.0.3", server.port())) {
                    String answer = other.send("/msg victim hello from elsewhere")
                            .expect(line -> line.startsWith("@ ") || line.startsWith("! "));
                    assertThat(answer).as("another address still reaches the victim").endsWith("-> victim: hello from elsewhere");
                }
            } finally {
                senders.forEach(Wire::close);
            }

            out.write("/ping\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> seen = readUntilPong(victim);
            assertThat(seen).as("the victim is still connected and gets its pong").endsWith("= pong");
            assertThat(seen).anyMatch(line -> line.endsWith(": hello from elsewhere"));
            assertThat(seen).allMatch(line -> line.startsWith("@ guest-") || line.startsWith("= ")
                    || line.startsWith("* ") || line.startsWith("- welcome"), "only private messages and its own replies");
            assertThat(seen).noneMatch(line -> line.contains("too slow"));
            assertThat(refused.get()).as("refusals").isGreaterThan(SENDERS * EACH - 20);
        }
    }

    private static List<String> readUntilPong(Socket socket) throws IOException {
        socket.setSoTimeout((int) Wire.TIMEOUT.toMillis());
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        var seen = new ArrayList<String>();
        for (String line; (line = in.readLine()) != null; ) {
            seen.add(line.length() > 80 ? line.substring(0, 80) : line);
            if (line.equals("= pong")) {
                return seen;
            }
        }
        return seen; // closed by the server: the assertion on the pong says so
    }
}
