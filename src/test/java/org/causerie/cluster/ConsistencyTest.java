package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.bus.Note;
import org.causerie.bus.nats.NatsBus;
import org.causerie.store.Entry;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consistency check of a cluster: clients on three nodes talk at once in one room; per room, every
 * client receives increasing ids without a hole (no gap was announced), the same sequence as every
 * other client, equal to what the store holds; and the bus carried one note per message.
 */
class ConsistencyTest {
    private static final int NODES = 3;
    private static final int CLIENTS_PER_NODE = 2;
    private static final int MESSAGES_EACH = 40;

    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void everyClientSeesTheStoresSequenceWithoutHolesAndTheBusCarriesOneNotePerMessage() throws Exception {
        var nodes = new ArrayList<ChatServer>();
        for (int n = 0; n < NODES; n++) {
            nodes.add(cluster.start("node" + n));
        }
        var clients = new ArrayList<Wire>();
        try {
            for (int n = 0; n < NODES; n++) {
                for (int c = 0; c < CLIENTS_PER_NODE; c++) {
                    clients.add(Wire.joinJson(nodes.get(n).port(), "u" + n + "x" + c));
                }
            }
            long publishedBefore = NatsBus.publishedInProcess(Note.Kind.MESSAGE);
            var senders = new ArrayList<Thread>();
            for (Wire client : clients) {
                senders.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < MESSAGES_EACH; i++) {
                        client.send("m" + i);
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            int total = clients.size() * MESSAGES_EACH;
            var sequences = new ArrayList<List<Long>>();
            for (Wire client : clients) {
                var ids = new ArrayList<Long>();
                while (ids.size() < total) {
                    JsonNode event = Wire.json(client.expect(line -> line.contains("\"type\":\"message\"")
                            || line.contains("\"type\":\"gap\"")));
                    assertThat(event.get("type").asText()).as("no gap: nothing was pruned").isEqualTo("message");
                    ids.add(event.get("id").asLong());
                }
                for (int i = 1; i < ids.size(); i++) {
                    assertThat(ids.get(i)).as("ids one by one, in order, for %s", client).isEqualTo(ids.get(i - 1) + 1);
                }
                sequences.add(ids);
            }
            try (PostgresStore store = cluster.store()) {
                List<Long> stored = store.roomAfter("#general", 0, total + 10).messages().stream()
                        .map(Entry.RoomMessage::id).toList();
                for (List<Long> received : sequences) {
                    assertThat(received).isEqualTo(stored);
                }
            }
            assertThat(NatsBus.publishedInProcess(Note.Kind.MESSAGE) - publishedBefore).as("one publish per message (room events are other notes)").isEqualTo((long) total);
        } finally {
            clients.forEach(Wire::close);
        }
    }
}
