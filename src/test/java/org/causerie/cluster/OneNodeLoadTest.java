package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault tests' load, reconnection and checker on today's single node (a JVM of its own, on a
 * database of the test's own): a quiet run checks clean, and a node killed with SIGKILL under load and
 * restarted loses no acknowledged message, its members reconnecting and catching up from their last id.
 * What {@link FaultTest} does to a cluster, done to one node, so the machinery is known to work.
 */
@Timeout(60)
class OneNodeLoadTest {
    private static final Duration LIMIT = Duration.ofSeconds(40);

    @RegisterExtension
    final Fleet fleet = new Fleet();

    @BeforeEach
    void needs() {
        Services.assumeSharedPostgres();
    }

    private static List<Member> members(Node node, int count) {
        var members = new ArrayList<Member>();
        for (int i = 0; i < count; i++) {
            members.add(new Member("m" + i, List.of(node::port)));
        }
        return members;
    }

    @Test
    void aQuietRunChecksClean() throws Exception {
        SharedDatabase database = fleet.database();
        Node node = fleet.node("a", "--store", database.url(), "--no-limits");
        try (var load = new Load(members(node, 4)).start(25)) {
            load.awaitDone(LIMIT);
            load.awaitConverged(database.url(), LIMIT);
            load.verify(database.url());
            assertThat(Stored.room(database.url(), Member.ROOM)).hasSize(100);
        }
    }

    @Test
    void membersCutOffUnderLoadCatchUpWithEverythingTheyMissed() throws Exception {
        SharedDatabase database = fleet.database();
        Node node = fleet.node("a", "--store", database.url(), "--no-limits");
        List<Member> members = members(node, 4);
        try (var load = new Load(members).start(40)) {
            load.awaitAnswered(40, LIMIT);
            members.get(0).drop();
            members.get(1).drop();
            load.awaitDone(LIMIT);
            load.awaitConverged(database.url(), LIMIT);
            load.verify(database.url());
            assertThat(members.subList(0, 2)).as("the cut members reconnected").allMatch(member -> member.connections() >= 2);
        }
    }

    @Test
    void aNodeKilledUnderLoadAndRestartedLosesNoAcknowledgedMessage() throws Exception {
        SharedDatabase database = fleet.database();
        Node node = fleet.node("a", "--store", database.url(), "--no-limits");
        List<Member> members = members(node, 4);
        try (var load = new Load(members).start(40)) {
            load.awaitAnswered(40, LIMIT);
            int before = load.answered();
            node.kill();
            node.restart();
            load.awaitDone(LIMIT);
            load.awaitConverged(database.url(), LIMIT);
            load.verify(database.url());
            assertThat(before).as("killed under load, not after it").isLessThan(160);
            assertThat(members).as("every member reconnected").allMatch(member -> member.connections() >= 2);
        }
    }
}
