package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guarantees of docs/concurrency.md, checked with many real clients at once: one total order per
 * room, each message exactly once and whole, and one owner per nickname.
 */
class ConcurrencyTest {
    private static final int CLIENTS = 50;
    private static final int MESSAGES_EACH = 40;

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().limits(Limits.NONE).build()); // a load test

    @Test
    void everyMemberSeesEveryMessageOnceInTheSameOrder() throws Exception {
        List<Wire> wires = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                Wire wire = server.json();
                wire.send("/nick c" + i);
                wire.expect(line -> line.contains("\"new\":\"c"));
                wires.add(wire);
            }
            // Everyone has seen everyone arrive; from here on the room carries only the messages.
            for (Wire wire : wires) {
                wire.send("/ping");
                wire.expect(line -> line.contains("\"text\":\"pong\""));
            }
            var start = new CyclicBarrier(CLIENTS);
            var sends = new ArrayList<Future<?>>();
            for (int i = 0; i < CLIENTS; i++) {
                Wire wire = wires.get(i);
                int sender = i;
                sends.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS); // a client that never got here fails the test, not hangs it
                    for (int m = 0; m < MESSAGES_EACH; m++) {
                        wire.send("c" + sender + " says " + m + " " + "x".repeat(200));
                    }
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
            var received = new ArrayList<Future<List<JsonNode>>>();
            for (Wire wire : wires) {
                received.add(pool.submit(() -> readMessages(wire, CLIENTS * MESSAGES_EACH)));
            }
            List<Long> reference = null;
            for (Future<List<JsonNode>> future : received) {
                List<JsonNode> messages = future.get(60, TimeUnit.SECONDS);
                List<Long> ids = messages.stream().map(m -> m.get("id").asLong()).toList();
                List<Long> expected = java.util.stream.LongStream.rangeClosed(ids.getFirst(), ids.getFirst()
                        + CLIENTS * MESSAGES_EACH - 1).boxed().toList();
                assertThat(ids).as("ids in order, no gap, no repeat").isEqualTo(expected);
                if (reference == null) {
                    reference = ids;
                }
                assertThat(ids).as("the same order for every member").isEqualTo(reference);
                assertWholeAndFifo(messages);
            }
        } finally {
            wires.forEach(Wire::close);
        }
    }

    private static List<JsonNode> readMessages(Wire wire, int count) {
        var messages = new ArrayList<JsonNode>(count);
        while (messages.size() < count) {
            JsonNode line = wire.nextJson();
            assertThat(line.get("type").asText()).as("only messages now: %s", line).isEqualTo("message");
            messages.add(line);
        }
        return messages;
    }

    /** Each line is whole and each sender's messages arrive in the order it sent them. */
    private static void assertWholeAndFifo(List<JsonNode> messages) {
        Map<String, Integer> lastBySender = new HashMap<>();
        for (JsonNode message : messages) {
            String from = message.get("from").asText();
            String[] parts = message.get("text").asText().split(" ");
            assertThat(parts).hasSize(4);
            assertThat(parts[0]).isEqualTo(from);
            assertThat(parts[3]).isEqualTo("x".repeat(200));
            int n = Integer.parseInt(parts[2]);
            assertThat(n).isEqualTo(lastBySender.getOrDefault(from, -1) + 1);
            lastBySender.put(from, n);
        }
        assertThat(lastBySender).hasSize(CLIENTS).allSatisfy((from, last) -> assertThat(last).isEqualTo(MESSAGES_EACH - 1));
    }

    @Test
    void aNicknameHasOneOwnerEvenWhenClaimedAtTheSameInstant() throws Exception {
        int claimants = 20;
        List<Wire> wires = new ArrayList<>();
        List<String> nicks = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < claimants; i++) {
                wires.add(server.connect());
                nicks.add("guest-" + (i + 1)); // a fresh server numbers its guests from 1
            }
            for (int round = 0; round < 10; round++) {
                String wanted = "crown" + round;
                var start = new CyclicBarrier(claimants);
                var answers = new ArrayList<Future<String>>();
                for (int i = 0; i < claimants; i++) {
                    Wire wire = wires.get(i);
                    String mine = "* #general: " + nicks.get(i) + " is now " + wanted;
                    answers.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS); // a client that never got here fails the test, not hangs it
                        wire.send("/nick " + wanted);
                        return wire.expect(line -> line.startsWith("! ") || line.equals(mine));
                    }));
                }
                int winners = 0;
                int refused = 0;
                for (int i = 0; i < claimants; i++) {
                    String line = answers.get(i).get(30, TimeUnit.SECONDS);
                    if (line.startsWith("! nick-taken")) {
                        refused++;
                    } else if (line.startsWith("* ")) {
                        winners++;
                        nicks.set(i, wanted);
                    }
                }
                assertThat(winners).as("round %d: one owner", round).isEqualTo(1);
                assertThat(refused).isEqualTo(claimants - 1);
                for (Wire wire : wires) { // everybody has seen the winner's rename before the next round
                    wire.send("/ping");
                    wire.expect("= pong");
                }
                wires.getFirst().send("/who");
                String who = wires.getFirst().expect(line -> line.startsWith("= #general"));
                assertThat(who.split(" ")).filteredOn(wanted::equals).hasSize(1);
            }
        } finally {
            wires.forEach(Wire::close);
        }
    }
}
