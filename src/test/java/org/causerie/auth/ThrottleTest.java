package org.causerie.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exact schedule docs/security.md promises: 3 free failures, then 1 s doubling up to 5 minutes. */
class ThrottleTest {
    private final TestClock clock = new TestClock();
    private final Throttle throttle = new Throttle(clock);

    @Test
    void threeFailuresAreFreeAndTheFourthAttemptWaitsOneSecond() {
        throttle.failed("k");
        assertThat(throttle.wait("k")).isZero();
        throttle.failed("k");
        assertThat(throttle.wait("k")).isZero();
        throttle.failed("k");
        assertThat(throttle.wait("k")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.wait("k")).isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.wait("k")).isZero();
    }

    @Test
    void theWaitDoublesWithEachFailureUpToFiveMinutes() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("k");
        }
        long[] expected = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300};
        for (long seconds : expected) {
            assertThat(throttle.wait("k")).isEqualTo(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds)); // the guesser waits it out, and fails again
            assertThat(throttle.wait("k")).isZero();
            throttle.failed("k");
        }
        for (int i = 0; i < 100; i++) { // no overflow however long it goes on
            throttle.failed("k");
        }
        assertThat(throttle.wait("k")).isEqualTo(Throttle.MAX_WAIT);
    }

    @Test
    void aSuccessClearsTheKeyAndKeysAreIndependent() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("guesser");
        }
        assertThat(throttle.wait("guesser")).isPositive();
        assertThat(throttle.wait("owner")).isZero();
        throttle.succeeded("guesser");
        assertThat(throttle.wait("guesser")).isZero();
        throttle.failed("guesser");
        assertThat(throttle.wait("guesser")).as("counting starts again").isZero();
    }

    /** {@code count} keys other than the test's, each with one failure now (no wait: not stale). */
    private void fill(int count) {
        for (int i = 0; i < count; i++) {
            throttle.failed("other-" + i);
        }
    }

    @Test
    void failuresInARowAreRememberedHoweverLongAgoWhileFewKeysAreKept() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("old");
        }
        clock.advance(Duration.ofMinutes(11)); // twice the longest wait, and more
        fill(Throttle.SWEEP_ABOVE - 1); // the table holds exactly SWEEP_ABOVE keys: no sweep yet

        throttle.failed("old");
        assertThat(throttle.wait("old")).as("the 4th failure in a row").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aLargeTableForgetsTheKeysWhoseWaitPassedLongAgoAndKeepsTheOthers() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("old");
        }
        clock.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 3; i++) {
            throttle.failed("recent");
        }
        fill(Throttle.SWEEP_ABOVE - 1); // one key more than SWEEP_ABOVE: each failure now sweeps

        throttle.failed("old");
        assertThat(throttle.wait("old")).as("forgotten: a first failure again").isZero();
        assertThat(throttle.wait("recent")).as("kept: its wait is still running").isEqualTo(Duration.ofSeconds(1));
    }
}
