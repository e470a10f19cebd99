package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeMap;
import org.causerie.Wire;
import org.junit.jupiter.api.Test;

/**
 * The checker itself, on hand-made transcripts: a good run passes, and each kind of violation is found
 * and named (a checker that passes everything would make every cluster test worthless).
 */
class ConsistencyCheckerTest {
    /** #general holds 1..5; alice and bob were there throughout; carol joined at 3. */
    private static Consistency good() {
        var store = new TreeMap<Long, String>();
        for (long id = 1; id <= 5; id++) {
            store.put(id, "m" + id);
        }
        var run = new Consistency().stored("#general", store);
        for (long id = 1; id <= 5; id++) {
            run.received("alice", "#general", id, "m" + id).received("bob", "#general", id, "m" + id);
        }
        for (long id = 3; id <= 5; id++) {
            run.received("carol", "#general", id, "m" + id);
        }
        return run.acknowledged("alice", "#general", 2, "m2").acknowledged("bob", "#general", 5, "m5")
                .stayed("alice", "#general").stayed("bob", "#general").stayed("carol", "#general");
    }

    @Test
    void aGoodRunHasNoViolation() {
        assertThat(good().violations()).isEmpty();
        good().verify();
    }

    @Test
    void aHoleCoveredByAGapIsNoViolation() {
        var store = new TreeMap<Long, String>();
        store.put(1L, "m1");
        store.put(4L, "m4");
        var run = new Consistency().stored("#general", store)
                .received("alice", "#general", 1, "m1").gap("alice", "#general", 2, 3).received("alice", "#general", 4, "m4")
                .stayed("alice", "#general");
        assertThat(run.violations()).isEmpty();
    }

    @Test
    void aDuplicateIsFound() {
        var run = good().received("alice", "#general", 5, "m5");
        assertThat(run.violations()).containsExactly("alice in #general: #5 received twice");
    }

    @Test
    void anEventOutOfOrderIsFound() {
        var run = new Consistency().stored("#general", store(1, 2, 3))
                .received("bob", "#general", 1, "m1").received("bob", "#general", 3, "m3").received("bob", "#general", 2, "m2");
        assertThat(run.violations()).contains("bob in #general: #2 after #3 (out of order)");
    }

    @Test
    void aHoleWithoutAGapIsFound() {
        var run = new Consistency().stored("#general", store(1, 2, 3))
                .received("bob", "#general", 1, "m1").received("bob", "#general", 3, "m3");
        assertThat(run.violations()).containsExactly("bob in #general: hole 2-2 with no gap event");
    }

    @Test
    void anAcknowledgedMessageMissingFromTheStoreIsFound() {
        var run = good().acknowledged("carol", "#general", 6, "m6");
        assertThat(run.violations()).contains("carol's acknowledged #general #6 is not in the store");
    }

    @Test
    void anAcknowledgedMessageStoredWithAnotherTextIsFound() {
        var run = good().acknowledged("carol", "#general", 4, "not m4");
        assertThat(run.violations()).containsExactly("carol's acknowledged #general #4 is stored as \"m4\", not \"not m4\"");
    }

    @Test
    void aMessageReceivedButNotStoredIsFound() {
        var run = good().received("carol", "#general", 6, "m6");
        assertThat(run.violations()).containsExactly("carol in #general: received #6 (\"m6\"), which the store does not hold");
    }

    @Test
    void aMessageReceivedWithAnotherTextIsFound() {
        var run = new Consistency().stored("#general", store(1)).received("bob", "#general", 1, "changed");
        assertThat(run.violations()).containsExactly("bob in #general: received #1 as \"changed\", stored as \"m1\"");
    }

    @Test
    void aMemberWhoStayedButMissedTheLastEventsIsFound() {
        // no hole inside what bob received: the loss is at the end, which only the store shows
        var run = new Consistency().stored("#general", store(1, 2, 3, 4))
                .received("bob", "#general", 1, "m1").received("bob", "#general", 2, "m2")
                .acknowledged("alice", "#general", 4, "m4").stayed("bob", "#general");
        assertThat(run.violations()).containsExactly(
                "bob stayed in #general but never received alice's acknowledged #4",
                "bob stayed in #general but never received 2 stored events: [3, 4]");
    }

    @Test
    void aMemberWhoLeftNeedNotHaveTheRest() {
        var run = new Consistency().stored("#general", store(1, 2, 3))
                .received("bob", "#general", 1, "m1").acknowledged("alice", "#general", 3, "m3");
        assertThat(run.violations()).isEmpty();
    }

    @Test
    void aGapDoesNotExcuseAnAcknowledgedMessage() {
        var run = new Consistency().stored("#general", store(1, 2, 3))
                .received("bob", "#general", 1, "m1").gap("bob", "#general", 2, 2).received("bob", "#general", 3, "m3")
                .acknowledged("alice", "#general", 2, "m2").stayed("bob", "#general");
        assertThat(run.violations()).containsExactly("bob stayed in #general but never received alice's acknowledged #2");
    }

    @Test
    void aStayingMemberWhoReceivedNothingIsFound() {
        var run = new Consistency().stored("#general", store(1)).stayed("bob", "#general");
        assertThat(run.violations()).containsExactly("bob stayed in #general but received none of its 1 events");
    }

    @Test
    void verifyFailsWithEveryViolationNamed() {
        var run = good().received("alice", "#general", 5, "m5").acknowledged("carol", "#general", 9, "m9");
        assertThatThrownBy(run::verify).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("5 consistency violations") // the duplicate, the missing ack, and 3 members who never got it
                .hasMessageContaining("#5 received twice").hasMessageContaining("#9 is not in the store");
    }

    @Test
    void jsonLinesAreReadAsTheServerWritesThem() {
        var run = new Consistency().stored("#general", store(7))
                .receivedJson("alice", Wire.json("{\"type\":\"message\",\"id\":7,\"ts\":\"2026-11-21T17:51:13.939Z\","
                        + "\"room\":\"#general\",\"from\":\"alice\",\"text\":\"m7\"}"))
                .receivedJson("alice", Wire.json("{\"type\":\"gap\",\"room\":\"#general\",\"from\":8,\"to\":15}"))
                .receivedJson("alice", Wire.json("{\"type\":\"join\",\"room\":\"#general\",\"nick\":\"bob\"}"))
                .receivedJson("alice", Wire.json("{\"type\":\"reply\",\"command\":\"ping\",\"text\":\"pong\"}"))
                .receivedJson("alice", Wire.json("{\"type\":\"message\",\"id\":16,\"room\":\"#general\",\"text\":\"m16\"}"));
        assertThat(run.violations()).containsExactly(
                "alice in #general: received #16 (\"m16\"), which the store does not hold");
    }

    private static TreeMap<Long, String> store(long... ids) {
        var store = new TreeMap<Long, String>();
        for (long id : ids) {
            store.put(id, "m" + id);
        }
        return store;
    }

    /** #dev's sequence: alice joins, m1, bob joins, topic, m2, carol joins, m3, alice leaves, m4. */
    private static Consistency events() {
        var run = new Consistency().sequence("#dev", java.util.List.of("join alice", "message 1", "join bob",
                "topic alice sockets", "message 2", "join carol", "message 3", "part alice", "message 4"));
        for (String label : java.util.List.of("message 1", "join bob", "topic alice sockets", "message 2", "join carol",
                "message 3", "part alice")) {
            run.event("alice", "#dev", label);
        }
        // bob's own join comes first, before what the room placed ahead of it; it is not checked
        for (String label : java.util.List.of("join bob", "topic alice sockets", "message 2", "join carol", "message 3",
                "part alice", "message 4")) {
            run.event("bob", "#dev", label);
        }
        return run.stayed("bob", "#dev");
    }

    @Test
    void eventsInTheRoomsOrderWithTheJoinersOwnJoinFirstAreNoViolation() {
        assertThat(events().violations()).isEmpty();
    }

    @Test
    void aJoinSeenOnTheOtherSideOfAMessageIsFound() {
        var run = events().event("carol", "#dev", "message 3").event("carol", "#dev", "join bob");
        assertThat(run.violations()).containsExactly(
                "carol in #dev: \"join bob\" after \"message 3\", which the room's order puts after it (or seen twice)");
    }

    @Test
    void aJoinerShownItsOwnJoinTwiceIsFound() {
        var run = events().event("bob", "#dev", "join bob");
        assertThat(run.violations()).containsExactly("bob in #dev: its own join twice");
    }

    @Test
    void anEventTheStoreLacksOrAMissedOneIsFound() {
        var run = new Consistency().sequence("#dev", java.util.List.of("message 1", "topic bob x", "message 2"))
                .event("bob", "#dev", "message 1").event("bob", "#dev", "message 2").stayed("bob", "#dev")
                .event("ann", "#dev", "join zed");
        assertThat(run.violations()).containsExactlyInAnyOrder("bob stayed in #dev but did not see 1 of its events: [topic bob x]",
                "ann in #dev: \"join zed\" is not in the room's sequence");
    }

    @Test
    void roomEventsAreLabelledFromTheirJsonLines() {
        assertThat(Consistency.label(Wire.json("{\"type\":\"topic\",\"room\":\"#d\",\"nick\":\"a\",\"topic\":\"t u\"}")))
                .isEqualTo("topic a t u");
        assertThat(Consistency.label(Wire.json("{\"type\":\"topic\",\"room\":\"#d\",\"topic\":\"t\"}"))).isNull();
        assertThat(Consistency.label(Wire.json("{\"type\":\"message\",\"id\":7,\"room\":\"#d\",\"history\":true}")))
                .isNull();
        assertThat(Consistency.label(Wire.json("{\"type\":\"kick\",\"room\":\"#d\",\"nick\":\"b\",\"by\":\"a\"}")))
                .isEqualTo("kick b a");
    }
}
