package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.auth.Passwords;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server operator on one node sees every node (/nodes) and disconnects a user of another (/kill). */
class OperatorsAcrossNodesTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void anOperatorListsTheNodesAndDisconnectsAUserOfAnotherNode() {
        try (PostgresStore store = cluster.store()) {
            store.setOperator("root", new Passwords().hash("root-password"));
        }
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire root = Wire.connect(one.port()); Wire mallory = Wire.join(two.port(), "mallory")) {
            root.expect(line -> line.startsWith("- welcome"));
            root.send("/login root root-password").expect(line -> line.startsWith("= you are logged in as root"));
            // each node writes its session count at every renewal (three times per lease)
            var nodes = new String[1];
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> (nodes[0] = nodes(root)).contains("two (1 session)") && nodes[0].contains("one (1 session"));
            assertThat(nodes[0]).isEqualTo("= 2 nodes\n= one (1 session, this one)\n= two (1 session)");

            assertThat(root.ask("/kill mallory spam")).isEqualTo("= mallory is disconnected");
            assertThat(mallory.awaitEnd()).anyMatch(line -> line.contains("disconnected by root: spam"));
        }
    }

    /** The reply to /nodes, its lines joined. */
    private static String nodes(Wire root) {
        String first = root.ask("/nodes");
        var lines = new StringBuilder(first);
        int count = Integer.parseInt(first.substring(2, first.indexOf(' ', 2)));
        for (int i = 0; i < count; i++) {
            lines.append('\n').append(root.next());
        }
        return lines.toString();
    }
}
