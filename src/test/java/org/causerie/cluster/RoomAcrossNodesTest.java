package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.store.Entry;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Members of one room on different nodes: every message reaches every node once, in id order, numbered by the store. */
class RoomAcrossNodesTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void aMessageReachesMembersOnEveryNodeWithOneId() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.joinJson(one.port(), "alice"); Wire bob = Wire.joinJson(two.port(), "bob")) {
            alice.send("hello from one");
            JsonNode echo = alice.expectJson("message");
            JsonNode heard = bob.expectJson("message");
            assertThat(heard.get("text").asText()).isEqualTo("hello from one");
            assertThat(heard.get("from").asText()).isEqualTo("alice");
            assertThat(heard.get("id").asLong()).isEqualTo(echo.get("id").asLong()).isPositive();

            bob.send("hello from two");
            assertThat(alice.expectJson("message").get("id").asLong()).isEqualTo(echo.get("id").asLong() + 1);
            assertThat(bob.expectJson("message").get("text").asText()).isEqualTo("hello from two");
        }
    }

    /** Joins, topics and parts caused on one node are shown to the room's members on the others. */
    @Test
    void joinsTopicsAndPartsReachTheOtherNodes() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob")) {
            bob.send("/join #dev");
            bob.expect("* #dev: bob joined");
            alice.send("/join #dev");
            bob.expect("* #dev: alice joined");
            alice.send("/topic #dev sockets");
            bob.expect(line -> line.contains("#dev") && line.contains("sockets"));
            alice.send("/part #dev done");
            bob.expect(line -> line.startsWith("* #dev: alice left"));
        }
    }

    /**
     * A node that committed a message and died before publishing it (here: the test commits it behind the
     * nodes' backs): the next message shows the other nodes a hole, which they fill from the store, in order.
     */
    @Test
    void aHoleIsFilledFromTheStoreBeforeTheNextMessage() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.joinJson(one.port(), "alice"); Wire bob = Wire.joinJson(two.port(), "bob");
                PostgresStore store = cluster.store()) {
            alice.send("first");
            long first = bob.expectJson("message").get("id").asLong();
            alice.expectJson("message");
            commitUnpublished(store, "lost on the bus");
            alice.send("after the hole");
            for (Wire wire : List.of(alice, bob)) {
                JsonNode lost = wire.expectJson("message");
                assertThat(lost.get("text").asText()).isEqualTo("lost on the bus");
                assertThat(lost.get("id").asLong()).isEqualTo(first + 1);
                JsonNode after = wire.expectJson("message");
                assertThat(after.get("text").asText()).isEqualTo("after the hole");
                assertThat(after.get("id").asLong()).isEqualTo(first + 2);
            }
        }
    }

    /** The last message of a quiet room, lost on the bus, comes from the periodic comparison with the store. */
    @Test
    void theLastMessageOfAQuietRoomComesFromThePeriodicCheck() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.joinJson(one.port(), "alice"); Wire bob = Wire.joinJson(two.port(), "bob");
                PostgresStore store = cluster.store()) {
            commitUnpublished(store, "nobody spoke after this");
            for (Wire wire : List.of(alice, bob)) {
                assertThat(wire.expectJson("message").get("text").asText()).isEqualTo("nobody spoke after this");
            }
        }
    }

    /** What a node that died between its commit and its publish leaves: a committed message no bus carried. */
    private static void commitUnpublished(PostgresStore store, String text) {
        var entries = new ArrayList<Entry>();
        entries.add(new Entry.RoomMessage("#general", 0, Instant.now(), "ghost", text, false));
        store.appendCounted(entries);
    }
}
