package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static List<Long> millis(Backoff backoff, int count) {
        var out = new ArrayList<Long>();
        for (int i = 0; i < count; i++) {
            out.add(backoff.next().toMillis());
        }
        return out;
    }

    @Test
    void withoutJitterItDoublesFromHalfASecondUpToThirtySeconds() {
        var backoff = new Backoff(() -> 0.5); // the middle of the spread: no jitter
        assertThat(millis(backoff, 9))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void jitterStaysWithinTwentyPercentAndUnderTheCap() {
        var random = new Random(42);
        var backoff = new Backoff(random::nextDouble);
        long base = 500;
        for (int i = 0; i < 12; i++) {
            Duration pause = backoff.next();
            assertThat(pause.toMillis()).isBetween(Math.round(base * 0.8), Math.min(Math.round(base * 1.2), 30_000));
            base = Math.min(base * 2, 30_000);
        }
    }

    @Test
    void theExtremesOfTheSpread() {
        assertThat(millis(new Backoff(() -> 0.0), 3)).containsExactly(400L, 800L, 1_600L);
        assertThat(millis(new Backoff(() -> 0.999_999), 8)).startsWith(600L, 1_200L).endsWith(30_000L);
    }

    @Test
    void resetStartsAgainAtHalfASecond() {
        var backoff = new Backoff(() -> 0.5);
        millis(backoff, 5);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }
}
