package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.causerie.store.Retention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** History over the wire: replay on join, paging back, catching up after an id, private conversations. */
class HistoryTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().replay(5).build());

    @Test
    void joiningReplaysTheLastMessagesMarkedAsHistory() {
        try (Wire alice = server.json()) {
            alice.send("/join #dev");
            alice.expectJson("join");
            for (int i = 1; i <= 8; i++) {
                alice.send("message " + i);
                assertThat(alice.expectJson("message").get("id").asLong()).isEqualTo(i);
            }
            try (Wire bob = server.json()) {
                bob.send("/join #dev");
                assertThat(bob.nextJson().get("type").asText()).isEqualTo("join");
                for (int i = 4; i <= 8; i++) {
                    JsonNode replayed = bob.nextJson();
                    assertThat(replayed.get("id").asLong()).isEqualTo(i);
                    assertThat(replayed.get("text").asText()).isEqualTo("message " + i);
                    assertThat(replayed.get("history").asBoolean()).isTrue();
                }
                alice.send("live one");
                JsonNode live = bob.nextJson();
                assertThat(live.get("id").asLong()).isEqualTo(9);
                assertThat(live.has("history")).isFalse();
            }
        }
    }

    @Test
    void historyPagesBackAndCatchesUp() {
        try (Wire alice = server.connect()) {
            for (int i = 1; i <= 30; i++) {
                alice.send("m" + i).expect("#general <guest-1> m" + i);
            }
            alice.send("/history");
            assertThat(readUntilReply(alice)).hasSize(20).first().asString().endsWith("<guest-1> m11");
            alice.expect("= 20 messages of #general (11-30); older: /history #general before 11");

            alice.send("/history #general before 11 5");
            assertThat(readUntilReply(alice)).hasSize(5).last().asString().endsWith("<guest-1> m10");
            alice.expect("= 5 messages of #general (6-10); older: /history #general before 6");

            alice.send("/history #GENERAL after 27");
            assertThat(readUntilReply(alice)).hasSize(3).first().asString().endsWith("<guest-1> m28");
            alice.expect("= 3 messages of #general (28-30)");

            alice.send("/history #general after 30").expect("= no messages of #general after 30");
            Transcript.play(alice, """
                    > /history #nowhere
                    < ! no-such-room: there is no room #nowhere
                    > /history #general sideways 3
                    < ! bad-usage: usage: /history [ROOM|NICK] [before|after ID] [N]
                    > /history #general 501
                    < ! bad-usage: a count is between 1 and 500
                    > /history #general before x
                    < ! bad-usage: usage: /history [ROOM|NICK] [before|after ID] [N]
                    """);
        }
    }

    @Test
    void privateConversationsHaveTheirOwnHistory() {
        try (Wire alice = server.connect(); Wire bob = server.connect(); Wire eve = server.connect()) {
            alice.send("/nick alice").expect("* #general: guest-1 is now alice");
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            eve.send("/nick eve").expect("* #general: guest-3 is now eve");
            alice.send("/msg bob one").expect("@ alice -> bob: one");
            bob.send("/msg alice two").expect("@ bob -> alice: two");
            alice.expect("@ bob -> alice: two");
            alice.send("/history bob");
            List<String> lines = readUntilReply(alice);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).matches("@ \\[[0-9 :-]+\\] alice -> bob: one");
            assertThat(lines.get(1)).matches("@ \\[[0-9 :-]+\\] bob -> alice: two");
            alice.expect("= 2 messages of bob (1-2)");
            // Another user sees nothing of it.
            eve.send("/history bob").expect("= no messages of bob");
            eve.send("/history nobody").expect(
                    "! no-such-nick: nobody is called nobody (a conversation with a guest can be read while the guest is connected)");
        }
    }

    @Test
    void aClientCatchingUpAfterRetentionHearsOfTheGap() {
        server.stop();
        var pruning = server.config().toBuilder().retention(new Retention(null, 10L)).build();
        try (var limited = ChatServer.create(pruning).start(); Wire alice = Wire.json(limited.port())) {
            for (int i = 1; i <= 25; i++) {
                alice.send("m" + i);
                alice.expectJson("message");
            }
            // The server prunes when it starts, then every hour: a restart applies the retention now.
            limited.stop();
            try (var again = ChatServer.create(pruning).start(); Wire back = Wire.json(again.port())) {
                back.send("/history #general after 3 100");
                JsonNode gap = back.expectJson("gap");
                assertThat(gap.get("room").asText()).isEqualTo("#general");
                assertThat(gap.get("from").asLong()).isEqualTo(4);
                assertThat(gap.get("to").asLong()).isEqualTo(15);
                for (int id = 16; id <= 25; id++) {
                    assertThat(back.nextJson().get("id").asLong()).isEqualTo(id);
                }
                assertThat(back.nextJson().get("text").asText()).isEqualTo("10 messages of #general (16-25)");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The lines before the next reply (which is left unread). */
    static List<String> readUntilReply(Wire wire) {
        var lines = new ArrayList<String>();
        while (true) {
            String line = wire.next();
            if (line.startsWith("= ")) {
                wire.pushBack(line);
                return lines;
            }
            lines.add(line);
        }
    }
}
