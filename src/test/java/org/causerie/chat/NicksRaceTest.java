package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One owner per nickname, in the directory itself: platform threads released together claim one fresh
 * name per round, thousands of rounds; exactly one claim wins each round and the directory names that
 * winner. A claim made of a check then an insert loses this race within a few hundred rounds.
 */
class NicksRaceTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 3_000;

    @Test
    void exactlyOneClaimOfANameWinsEachRound() throws Exception {
        var nicks = new Nicks();
        var sessions = new ArrayList<Session>();
        for (int i = 0; i < THREADS; i++) {
            sessions.add(new Session(i + 1, "guest-" + (i + 1), envelope -> { }, "g." + (i + 1)));
        }
        var barrier = new CyclicBarrier(THREADS);
        var winners = new AtomicInteger[ROUNDS];
        var holders = new Session[ROUNDS][THREADS];
        for (int r = 0; r < ROUNDS; r++) {
            winners[r] = new AtomicInteger();
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Session session = sessions.get(t);
            int me = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        barrier.await(10, TimeUnit.SECONDS);
                        if (nicks.claimGuest((round % 2 == 0 ? "crown" : "CROWN") + round, session)) {
                            winners[round].incrementAndGet();
                            holders[round][me] = session;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            assertThat(thread.join(java.time.Duration.ofSeconds(60))).isTrue();
        }
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(winners[round].get()).as("round %d: claims that won", round).isEqualTo(1);
            Session winner = java.util.Arrays.stream(holders[round]).filter(s -> s != null).findFirst().orElseThrow();
            assertThat(nicks.sessions("crown" + round)).as("round %d: the directory's holder", round)
                    .containsExactly(winner);
        }
    }
}
