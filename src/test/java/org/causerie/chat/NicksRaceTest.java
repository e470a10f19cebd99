package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One owner per nickname, in the directory itself: platform threads released together (spinning, not
 * parked, so they start within nanoseconds of each other) claim one fresh
 * name per round, thousands of rounds; exactly one claim wins each round and the directory names that
 * winner. A claim made of a check then an insert loses this race:
 * caught in 5 runs of 5 (with a parking barrier instead of the spinning one, in 3 of 5).
 */
class NicksRaceTest {
    /** One per core: a spinning start only lines threads up that are all on a core at once. */
    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final int ROUNDS = 20_000;

    @Test
    void exactlyOneClaimOfANameWinsEachRound() throws Exception {
        var nicks = new Nicks();
        var sessions = new ArrayList<Session>();
        for (int i = 0; i < THREADS; i++) {
            sessions.add(new Session(i + 1, "guest-" + (i + 1), envelope -> { }, "g." + (i + 1), null));
        }
        var arrived = new AtomicInteger(); // a spinning barrier: parked threads wake too far apart to race
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
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
                for (int round = 0; round < ROUNDS; round++) {
                    int all = THREADS * (round + 1);
                    arrived.incrementAndGet();
                    while (arrived.get() < all) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the others did not come");
                        }
                        Thread.onSpinWait();
                    }
                    if (nicks.claimGuest((round % 2 == 0 ? "crown" : "CROWN") + round, session)) {
                        winners[round].incrementAndGet();
                        holders[round][me] = session;
                    }
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
