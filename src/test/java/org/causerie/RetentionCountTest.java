package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.causerie.store.Retention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * --retention-count holds as messages are written: /history, its pages and the replay on joining never show
 * more than the newest N of a room or a conversation, without waiting for a prune or a restart.
 */
class RetentionCountTest {
    private static final long KEEP = 5;

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().retention(new Retention(null, KEEP)).build());

    /** The ids of the history messages that come before the next reply. */
    private static List<Long> historyIds(Wire wire, String command) {
        wire.send(command);
        var ids = new ArrayList<Long>();
        while (true) {
            JsonNode line = wire.nextJson();
            if (line.get("type").asText().equals("reply") || line.get("type").asText().equals("error")) {
                return ids;
            }
            if (line.has("history") && line.get("history").asBoolean()) {
                ids.add(line.get("id").asLong());
            }
        }
    }

    /**
     * Renames and waits for the session's own rename: a bare "nick" event may be another member's (bob,
     * in #general from the start, hears alice's), and a private message sent before the directory holds
     * the new name is refused {@code no-such-nick}.
     */
    private static void rename(Wire wire, String nick) {
        wire.send("/nick " + nick).expect(line -> line.contains("\"type\":\"nick\"") && line.contains("\"new\":\"" + nick + "\""));
    }

    @Test
    void historyNeverShowsMoreThanTheCountWhileMessagesAreWritten() {
        try (Wire alice = Wire.json(server.port()); Wire bob = Wire.json(server.port())) {
            rename(alice, "alice");
            for (int i = 1; i <= 12; i++) {
                alice.send("m" + i);
                alice.expectJson("message");
                List<Long> ids = historyIds(alice, "/history #general 50");
                assertThat(ids).as("after message %d", i).hasSizeLessThanOrEqualTo((int) KEEP);
                assertThat(ids.getLast()).isEqualTo(i);
            }
            assertThat(historyIds(alice, "/history #general 50")).containsExactly(8L, 9L, 10L, 11L, 12L);
            assertThat(historyIds(alice, "/history #general before 9 50")).containsExactly(8L);
            assertThat(historyIds(alice, "/history #general after 0 50")).containsExactly(8L, 9L, 10L, 11L, 12L);

            rename(bob, "bob");
            for (int i = 1; i <= 8; i++) {
                String text = "\"p" + i + "\"";
                alice.send("/msg bob p" + i);
                // its echo, or the refusal that says why bob will get nothing
                assertThat(alice.expect(line -> line.contains(text) || line.contains("\"type\":\"error\""))).contains(text);
                bob.expect(line -> line.contains(text));
            }
            assertThat(historyIds(bob, "/history alice 50")).containsExactly(4L, 5L, 6L, 7L, 8L);
        }
    }

    @Test
    void theReplayOnJoiningIsHistoryToo() {
        try (Wire alice = Wire.json(server.port())) {
            for (int i = 1; i <= 12; i++) {
                alice.send("m" + i);
                alice.expectJson("message");
            }
        }
        try (Wire carol = Wire.connect(server.port())) {
            // The first line is run before the session is seated; the join and its replay follow it.
            carol.send("/ping").expect("= pong");
            carol.send("/ping");
            var replayed = new ArrayList<String>();
            for (String line = carol.next(); !line.equals("= pong"); line = carol.next()) {
                if (line.startsWith("#general ")) {
                    replayed.add(line);
                }
            }
            assertThat(replayed).hasSize((int) KEEP).last().asString().endsWith("m12");
        }
    }
}
