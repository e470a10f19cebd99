package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The faults of issue 12, each under load on nodes in JVMs of their own, against a private NATS (which
 * some of them stop) and PostgreSQL; each run ends with the consistency checker over every member and
 * the store. They need {@code causerie server --cluster … --node …}: until the server has those options
 * they are skipped ({@link Services#assumeClusterNodes}).
 */
@Timeout(60)
class FaultTest {
    private static final int LINES = 30;
    private static final Duration DONE = Duration.ofSeconds(40);
    private static final Duration CONVERGED = Duration.ofSeconds(15);

    @RegisterExtension
    final Fleet fleet = new Fleet();

    @BeforeEach
    void needs() {
        Services.assumeClusterNodes();
        Services.assumeNatsBinary();
    }

    /** Two members per node; each tries its own node first, then the others in turn. */
    private static List<Member> members(List<Node> nodes) {
        var members = new ArrayList<Member>();
        for (int i = 0; i < nodes.size() * 2; i++) {
            var order = new ArrayList<IntSupplier>();
            for (int k = 0; k < nodes.size(); k++) {
                Node node = nodes.get((i + k) % nodes.size());
                order.add(node::port);
            }
            members.add(new Member("m" + i, order));
        }
        return members;
    }

    @Test
    void aNodeKilledUnderLoadLosesNoAcknowledgedMessageAndItsMembersCatchUpElsewhere() throws Exception {
        Services.assumeSharedPostgres();
        NatsServer nats = fleet.nats();
        SharedDatabase database = fleet.database();
        List<Node> nodes = fleet.nodes(List.of("a", "b", "c"), name -> Fleet.options(nats.url(), database.url(), name));
        try (var load = new Load(members(nodes)).start(LINES)) {
            load.awaitAnswered(LINES, DONE);
            nodes.getFirst().kill();
            load.awaitDone(DONE);
            load.awaitConverged(database.url(), CONVERGED);
            load.verify(database.url());
        }
    }

    @Test
    void natsRestartedUnderLoadLosesAndDoublesNothing() throws Exception {
        Services.assumeSharedPostgres();
        NatsServer nats = fleet.nats();
        SharedDatabase database = fleet.database();
        List<Node> nodes = fleet.nodes(List.of("a", "b", "c"), name -> Fleet.options(nats.url(), database.url(), name));
        try (var load = new Load(members(nodes)).start(LINES)) {
            load.awaitAnswered(LINES, DONE);
            nats.stop();
            nats.restart();
            load.awaitDone(DONE);
            load.awaitConverged(database.url(), CONVERGED);
            load.verify(database.url());
        }
        assertThat(nodes).allMatch(Node::alive);
    }

    @Test
    void aNodeCutOffFromNatsWarnsItsMembersThenConvergesWhenHealed() throws Exception {
        Services.assumeSharedPostgres();
        NatsServer nats = fleet.nats();
        SharedDatabase database = fleet.database();
        try (var relay = new org.causerie.TcpRelay(nats.port())) {
            List<Node> nodes = fleet.nodes(List.of("a", "b", "c"),
                    name -> Fleet.options(name.equals("a") ? "nats://127.0.0.1:" + relay.port() : nats.url(), database.url(), name));
            List<Member> members = members(nodes);
            try (var load = new Load(members).start(LINES)) {
                load.awaitAnswered(LINES / 2, DONE);
                relay.cut();
                Member onA = members.getFirst(); // m0 tries a first
                Deadline.require(Duration.ofSeconds(15), "a notice to a member of the cut-off node",
                        () -> !onA.notices().isEmpty());
                load.awaitAnswered(load.answered() + LINES / 2, DONE);
                relay.heal();
                load.awaitDone(DONE);
                load.awaitConverged(database.url(), CONVERGED);
                load.verify(database.url());
            }
        }
    }

    @Test
    void postgresRestartedUnderLoadRefusesOrWaitsButLosesNothing() throws Exception {
        Services.assumePostgresBinaries();
        NatsServer nats = fleet.nats();
        PrivatePostgres postgres = fleet.postgres();
        List<Node> nodes = fleet.nodes(List.of("a", "b"), name -> Fleet.options(nats.url(), postgres.url(), name));
        try (var load = new Load(members(nodes)).start(LINES)) {
            load.awaitAnswered(LINES, DONE);
            postgres.stop();
            postgres.restart();
            load.awaitDone(DONE);
            load.awaitConverged(postgres.url(), CONVERGED);
            load.verify(postgres.url());
        }
    }
}
