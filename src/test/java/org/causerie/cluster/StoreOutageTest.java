package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.causerie.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Today's single node on a PostgreSQL that goes down and comes back (a private one, see {@link
 * PrivatePostgres}): a message sent while the database is down is either stored and delivered once it is
 * back (its commit waits for a connection) or refused to its sender with {@code store-failed}; it is never
 * echoed as sent and then missing from the store. The messages before and after the outage are kept.
 */
class StoreOutageTest {
    @RegisterExtension
    final Fleet fleet = new Fleet();

    @BeforeEach
    void needs() {
        Services.assumePostgresBinaries();
    }

    @Test
    void aMessageSentWhilePostgresIsDownWaitsOrIsRefusedNeverLostSilently() throws Exception {
        PrivatePostgres postgres = fleet.postgres();
        Node node = fleet.node("a", "--store", postgres.url());
        try (Wire alice = Wire.join(node.port(), "alice"); Wire bob = Wire.join(node.port(), "bob")) {
            alice.send("before").expect("#general <alice> before");
            bob.expect("#general <alice> before");

            postgres.stop();
            int mark = alice.mark();
            alice.send("during");
            postgres.restart();
            // The commit waits for a connection (HikariCP's 30 s) and the database is back within it: the echo,
            // or a refusal, comes within that wait. Silence past it would be the lost message this test is about.
            String outcome = alice.expect(line -> line.equals("#general <alice> during") || line.startsWith("! "));
            alice.send("after").expect("#general <alice> after");

            var kept = Stored.room(postgres.url(), "#general");
            System.out.println("store outage: #general holds " + kept);
            List<String> stored = List.copyOf(kept.values());
            if (outcome.startsWith("! ")) {
                assertThat(outcome).startsWith("! store-failed");
                assertThat(stored).containsExactly("before", "after");
            } else {
                bob.expect("#general <alice> during");
                assertThat(stored).containsExactly("before", "during", "after");
            }
            bob.expect("#general <alice> after");
            System.out.println("store outage: the message sent while PostgreSQL was down got: " + outcome);
            assertThat(alice.since(mark)).as("one answer, never an echo and a refusal, never two echoes")
                    .filteredOn(line -> line.equals("#general <alice> during") || line.startsWith("! ")).hasSize(1);
        }
    }
}
