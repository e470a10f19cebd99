package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.bus.Note;
import org.causerie.store.Entry;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Room events other than messages in a cluster (issue 12): joins, parts, nick and topic changes take a
 * place in the room's sequence with the messages, so members on every node see them in one order,
 * and one lost on the bus is read back from the store like a message. Real NATS and PostgreSQL, the
 * nodes in this JVM ({@link Cluster}).
 */
class EventsAcrossNodesTest {
    private static final String ROOM = "#dev";
    private static final int NODES = 3;
    private static final int MESSAGES_EACH = 30;
    private static final int CYCLES = 10;

    @RegisterExtension
    final Cluster cluster = new Cluster();

    /**
     * On each of three nodes an observer talks while a churner joins, sets the topic and leaves, ten
     * times, renaming itself halfway: every observer sees the room's messages and other events in the
     * store's order, none missed, none twice ({@link Consistency} with the room's sequence).
     */
    @Test
    void joinsPartsNicksAndTopicsInterleavedWithMessagesAreSeenInOneOrderOnEveryNode() throws Exception {
        var nodes = new ArrayList<ChatServer>();
        for (int n = 0; n < NODES; n++) {
            nodes.add(cluster.start("node" + n));
        }
        var observers = new ArrayList<Wire>();
        var churners = new ArrayList<Wire>();
        try (PostgresStore store = cluster.store()) {
            for (int n = 0; n < NODES; n++) {
                Wire observer = Wire.joinJson(nodes.get(n).port(), "o" + n);
                observer.send("/join " + ROOM); // its lines are read at the end, from here: its own join included
                observers.add(observer);
                churners.add(Wire.joinJson(nodes.get(n).port(), "c" + n));
            }
            var threads = new ArrayList<Thread>();
            for (int n = 0; n < NODES; n++) {
                Wire observer = observers.get(n);
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < MESSAGES_EACH; i++) {
                        observer.send("m" + i);
                    }
                }));
                Wire churner = churners.get(n);
                int node = n;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < CYCLES; i++) {
                        churner.send("/join " + ROOM);
                        if (i == CYCLES / 2) {
                            churner.send("/nick c" + node + "b");
                        }
                        churner.send("/topic " + ROOM + " t" + node + "." + i);
                        churner.send("/part " + ROOM);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            int places = NODES + NODES * MESSAGES_EACH + NODES * (3 * CYCLES + 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> store.lastRoomSeq(ROOM) == places);
            observers.getFirst().send("end");

            var transcripts = new ArrayList<List<JsonNode>>();
            for (Wire observer : observers) {
                var lines = new ArrayList<JsonNode>();
                observer.expect(line -> {
                    JsonNode json = Wire.json(line);
                    lines.add(json);
                    return json.path("type").asText().equals("message") && json.path("text").asText().equals("end");
                });
                transcripts.add(lines);
            }

            var run = new Consistency();
            var labels = new ArrayList<String>();
            var messages = new TreeMap<Long, String>();
            for (Entry entry : store.roomSince(ROOM, 0, 10_000)) {
                labels.add(label(entry));
                if (entry instanceof Entry.RoomMessage m) {
                    messages.put(m.id(), m.text());
                }
            }
            run.sequence(ROOM, labels).stored(ROOM, messages);
            for (int n = 0; n < NODES; n++) {
                String name = "o" + n;
                var seen = new ArrayList<String>();
                for (JsonNode json : transcripts.get(n)) {
                    run.receivedJson(name, json);
                    String label = Consistency.label(json);
                    if (label != null) {
                        seen.add(label);
                    }
                }
                run.stayed(name, ROOM);
                assertThat(seen.stream().filter(l -> l.startsWith("topic ")).count())
                        .as("%s saw every churner's topics", name).isEqualTo(NODES * CYCLES);
                assertThat(seen).as("%s saw each rename", name).contains("nick c0 c0b", "nick c1 c1b", "nick c2 c2b");
            }
            run.verify();
        } finally {
            observers.forEach(Wire::close);
            churners.forEach(Wire::close);
        }
    }

    /**
     * A topic change committed by a node that died before publishing it (the test commits it behind the
     * nodes' backs): the next message shows a hole, which every node fills from the store, so the topic
     * comes first, and a member who joins later is shown it.
     */
    @Test
    void aTopicLostOnTheBusIsReadBackBeforeTheNextMessage() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.joinJson(one.port(), "alice"); Wire bob = Wire.joinJson(two.port(), "bob");
                PostgresStore store = cluster.store()) {
            alice.send("/join " + ROOM);
            // alice in the room first: a join committed before hers is before her stay, so she would not be
            // shown it (it is in the room's names), and waiting for it would wait for ever (1 run in 4)
            alice.expect(line -> line.contains("\"type\":\"join\"") && line.contains("\"alice\"") && line.contains(ROOM));
            bob.send("/join " + ROOM);
            // bob's join in #dev, which alice sees once it is committed (not his join in #general, at connect)
            alice.expect(line -> line.contains("\"type\":\"join\"") && line.contains("\"bob\"") && line.contains(ROOM));
            commitUnpublished(store, Note.Kind.TOPIC, "ghost", "", "lost on the bus");
            alice.send("after the topic");
            for (Wire wire : List.of(alice, bob)) {
                JsonNode next = Wire.json(wire.expect(line -> line.contains("\"type\":\"topic\"")
                        || line.contains("\"type\":\"message\"")));
                assertThat(next.path("type").asText()).as("the topic comes before the next message").isEqualTo("topic");
                assertThat(next.path("topic").asText()).isEqualTo("lost on the bus");
                assertThat(wire.expectJson("message").path("text").asText()).isEqualTo("after the topic");
            }
            try (Wire carol = Wire.joinJson(two.port(), "carol")) {
                carol.send("/join " + ROOM);
                JsonNode topic = carol.expectJson("topic");
                assertThat(topic.path("topic").asText()).as("the room's topic on node two is the repaired one")
                        .isEqualTo("lost on the bus");
            }
        }
    }

    /**
     * A node that opens a room while it is open on another node (its first member there) shows its
     * joiners the room's topic: the last topic change in the room's order, set on that node by a member
     * who has left (the room had closed there), read from the store.
     */
    @Test
    void aRoomOpenedAgainOnANodeShowsItsJoinersTheTopicTheOtherNodesShow() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob")) {
            alice.send("/join " + ROOM).expect("* " + ROOM + ": alice joined");
            bob.send("/join " + ROOM).expect("* " + ROOM + ": bob joined");
            bob.send("/topic " + ROOM + " cluster talk").expect("* " + ROOM + ": bob set the topic: cluster talk");
            alice.expect("* " + ROOM + ": bob set the topic: cluster talk");
            bob.send("/part " + ROOM).expect(line -> line.startsWith("* " + ROOM + ": bob left"));
            alice.expect(line -> line.startsWith("* " + ROOM + ": bob left")); // node two closed the room
            try (Wire carol = Wire.join(two.port(), "carol")) {
                carol.send("/join " + ROOM).expect("* " + ROOM + ": carol joined");
                assertThat(carol.expect(line -> line.startsWith("* " + ROOM + ": the topic is")
                        || line.startsWith(ROOM + " <") || line.contains("joined")))
                        .isEqualTo("* " + ROOM + ": the topic is: cluster talk");
            }
        }
    }

    /** The last events of a quiet room, lost on the bus, come from the periodic comparison with the store. */
    @Test
    void aJoinAndAPartLostInAQuietRoomComeFromThePeriodicCheck() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.joinJson(one.port(), "alice"); Wire bob = Wire.joinJson(two.port(), "bob");
                PostgresStore store = cluster.store()) {
            commitUnpublished(store, Note.Kind.JOINED, "ghost", "", "");
            commitUnpublished(store, Note.Kind.PARTED, "ghost", "", "gone");
            for (Wire wire : List.of(alice, bob)) {
                JsonNode joined = Wire.json(wire.expect(line -> line.contains("\"type\":\"join\"")
                        && line.contains("\"ghost\"")));
                assertThat(joined.path("room").asText()).isEqualTo("#general");
                JsonNode parted = wire.expectJson("part");
                assertThat(parted.path("nick").asText()).isEqualTo("ghost");
                assertThat(parted.path("reason").asText()).isEqualTo("gone");
            }
        }
    }

    /** What a node that died between its commit and its publish leaves: a committed room event no bus carried. */
    private static void commitUnpublished(PostgresStore store, Note.Kind kind, String nick, String target, String text) {
        var entries = new ArrayList<Entry>();
        String room = kind == Note.Kind.JOINED || kind == Note.Kind.PARTED ? "#general" : ROOM;
        entries.add(new Entry.RoomEvent(room, 0, Instant.now(), kind.code, nick, target, text, false, "dead-node"));
        store.appendCounted(entries);
    }

    /** The label {@link Consistency#label} gives the JSON line of a stored message or event. */
    static String label(Entry entry) {
        return switch (entry) {
            case Entry.RoomMessage m -> "message " + m.id();
            case Entry.RoomEvent e -> switch (Note.Kind.of(e.kind())) {
                case JOINED -> "join " + e.nick();
                case PARTED -> "part " + e.nick();
                case QUIT -> "quit " + e.nick();
                case NICK -> "nick " + e.nick() + " " + e.target();
                case TOPIC -> "topic " + e.nick() + " " + e.text();
                case KICKED -> "kick " + e.target() + " " + e.nick();
                case MODE -> "mode " + e.nick() + " " + e.text();
                default -> "? " + e.kind();
            };
            default -> "? " + entry;
        };
    }
}
