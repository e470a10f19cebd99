package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What protocol.md promises about order with a store that commits later (SQLite: the echo of a message
 * comes after its commit, while replies come at once): each event comes in the format in force when it
 * was produced, and everything caused before {@code fin} comes before {@code = bye}, which is the last line.
 * The lines are sent in one write, so that the server reads them together, as a fast program sends them.
 */
class OrderTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().limits(Limits.NONE).build()); // bob talks fast

    @RepeatedTest(5)
    void aMessageSentBeforeFormatJsonComesBackInText() {
        try (Wire wire = server.connect()) {
            wire.send("hello in text\n/format json\nhello in json");
            assertThat(wire.expect(line -> line.contains("hello in text")))
                    .endsWith("<guest-1> hello in text");
            assertThat(wire.next()).startsWith("{\"type\":\"reply\",\"command\":\"format\"");
            assertThat(Wire.json(wire.next()).get("text").asText()).isEqualTo("hello in json");
        }
    }

    @RepeatedTest(5)
    void everythingCausedBeforeFinComesBeforeBye() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.expect("* #general: guest-2 joined");
            bob.send("from bob\none more from bob");
            alice.expect(line -> line.endsWith("<guest-2> from bob"));
            alice.send("first\nlast words\nfin");
            List<String> rest = alice.awaitClose();
            assertThat(rest).last().isEqualTo("= bye");
            assertThat(rest).anyMatch(line -> line.endsWith("<guest-1> last words"));
            bob.expect("* #general: guest-1 quit (fin)");
        }
    }

    @RepeatedTest(5) // a race: without the fix, a few of the five show chatter after bye
    void nothingFromTheRoomsFollowsBye() throws InterruptedException {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.expect("* #general: guest-2 joined");
            var quit = new java.util.concurrent.atomic.AtomicBoolean();
            Thread talker = Thread.ofVirtual().start(() -> { // bob talks all through alice's leaving
                for (int i = 0; i < 5_000 && !quit.get(); i++) {
                    bob.send("chatter " + i);
                }
            });
            alice.expect(line -> line.endsWith("<guest-2> chatter 20"));
            alice.send("/quit off to bed");
            List<String> rest = alice.awaitClose();
            quit.set(true);
            talker.join();
            assertThat(rest).last().isEqualTo("= bye");
            bob.expect("* #general: guest-1 quit (off to bed)");
        }
    }
}
