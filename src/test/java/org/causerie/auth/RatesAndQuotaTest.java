package org.causerie.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatesAndQuotaTest {
    private final TestClock clock = new TestClock();

    @Test
    void aRateGivesItsBurstThenRefillsSteadilyPerKey() {
        var rates = new Rates(clock, 3, 0.5); // one every 2 s
        for (int i = 0; i < 3; i++) {
            assertThat(rates.tryTake("a")).isTrue();
        }
        assertThat(rates.tryTake("a")).isFalse();
        assertThat(rates.wait("a")).isEqualTo(Duration.ofSeconds(2));
        assertThat(rates.tryTake("b")).as("another key has its own bucket").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isFalse();
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(rates.tryTake("a")).as("never more than the burst").isTrue();
        }
        assertThat(rates.tryTake("a")).isFalse();
    }

    @Test
    void takingGoesIntoDebtThatIsWaitedOut() {
        var rates = new Rates(clock, 2, 1);
        rates.take("a");
        rates.take("a");
        assertThat(rates.wait("a")).isEqualTo(Duration.ofSeconds(1));
        rates.take("a");
        assertThat(rates.wait("a")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aQuotaCountsUsesInASlidingWindow() {
        var quota = new Quota(clock, 2, Duration.ofHours(1));
        assertThat(quota.tryTake("a")).isTrue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(quota.tryTake("a")).isTrue();
        assertThat(quota.tryTake("a")).isFalse();
        assertThat(quota.tryTake("b")).isTrue();
        clock.advance(Duration.ofMinutes(30)); // the first use leaves the window
        assertThat(quota.tryTake("a")).isTrue();
        assertThat(quota.tryTake("a")).isFalse();
        quota.refund("a");
        assertThat(quota.tryTake("a")).isTrue();
    }

    @Test
    void aRateRefillsWithinASecondToo() {
        var rates = new Rates(clock, 1, 2); // one every 500 ms
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isFalse();
        clock.advance(Duration.ofMillis(250));
        assertThat(rates.wait("a")).isBetween(Duration.ofMillis(249), Duration.ofMillis(251));
        clock.advance(Duration.ofMillis(250));
        assertThat(rates.tryTake("a")).as("half a second gave the token back").isTrue();
    }

    @Test
    void theSmallestRateAndQuotaAreOneAndLessIsRefused() {
        var rates = new Rates(clock, 1, 0.001);
        assertThat(rates.tryTake("a")).isTrue();
        assertThat(rates.tryTake("a")).isFalse();
        var quota = new Quota(clock, 1, Duration.ofHours(1));
        assertThat(quota.tryTake("a")).isTrue();
        assertThat(quota.tryTake("a")).isFalse();
        assertThatThrownBy(() -> new Rates(clock, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rates(clock, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quota(clock, 0, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
