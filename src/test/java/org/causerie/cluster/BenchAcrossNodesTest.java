package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.causerie.ChatServer;
import org.causerie.bench.Bench;
import org.causerie.bench.Report;
import org.causerie.bus.Note;
import org.causerie.bus.nats.NatsBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code causerie bench} against a cluster, small: the bots are spread over three nodes, every member
 * gets every message whatever node its sender sits on, the latencies are split by whether a delivery
 * crossed the bus, the servers' CPU is the sum over every node's process, and the bus carried one
 * publish per message, not one per delivery.
 */
class BenchAcrossNodesTest {
    private static final Bench.Load LOAD = new Bench.Load(100, 0, 8, Duration.ofMillis(300), Duration.ofSeconds(1),
            Duration.ofSeconds(5), 1_000_000);
    private static final int MEMBERS = 12;

    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void aFanoutSpreadOverThreeNodesReachesEveryMemberSumsTheirCpuAndPublishesOncePerMessage() throws Exception {
        var nodes = new ArrayList<ChatServer>();
        var hosts = new ArrayList<String>();
        for (int n = 0; n < 3; n++) {
            nodes.add(cluster.start("bench" + n));
            hosts.add("127.0.0.1:" + nodes.get(n).port());
        }
        long self = ProcessHandle.current().pid(); // the three nodes are this JVM: three readings of one process
        var common = new Bench.Common(String.join(",", hosts), 7777, "causerie", 20_000, Duration.ofSeconds(5), 16,
                Duration.ofSeconds(30), List.of(self, self, self), "cluster", null, 1);
        long publishedBefore = NatsBus.publishedInProcess(Note.Kind.MESSAGE);

        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Bench.fanout(common, LOAD, MEMBERS, 3);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Bot i on node i mod 3: a third of the members on each node while the run lasts.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> nodes.stream().allMatch(node -> node.sessions() == MEMBERS / 3));
        Report report = run.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(report.text("error")).isNull();
        assertThat(report.text("ok")).isEqualTo("true");
        long sent = (long) report.number("sent");
        assertThat(sent).isPositive();
        assertThat(report.number("expected")).isEqualTo(sent * (MEMBERS - 1.0));
        assertThat(report.number("missing")).as("every member, on every node, got every message").isZero();
        assertThat(report.number("misdirected")).isZero();
        assertThat(report.number("servers")).isEqualTo(3);
        // Senders 0, 1, 2 sit on nodes 0, 1, 2, members on all three: both kinds of delivery happened.
        assertThat(report.number("latency_same_node_p99_ms")).isPositive();
        assertThat(report.number("latency_other_node_p99_ms")).as("deliveries that crossed the bus").isPositive();
        assertThat(report.number("server_processes")).isEqualTo(3);
        double each = report.number("server_cpu_pct_node1") + report.number("server_cpu_pct_node2")
                + report.number("server_cpu_pct_node3");
        assertThat(report.number("server_cpu_pct")).as("the sum over the nodes' processes").isPositive()
                .isCloseTo(each, within(1e-6));

        long published = NatsBus.publishedInProcess(Note.Kind.MESSAGE) - publishedBefore;
        long stored = Stored.room(cluster.url(), "#bench").size();
        assertThat(published).as("one publish per message (not per delivery: %s delivered)", report.number("delivered"))
                .isEqualTo(stored);
        assertThat(stored).isGreaterThanOrEqualTo(sent);
    }
}
