package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void countsEveryValueOnceWhetherBufferedOrMovedIntoItsStripe() {
        var latencies = new Latencies(40);
        for (int who = 0; who < 40; who++) { // 0 to 1,014 values each: empty, partial and full buffers
            for (int i = 0; i < who * 26; i++) {
                latencies.record(who, TimeUnit.MILLISECONDS.toNanos(1 + i % 100));
            }
        }
        var all = latencies.merged();
        assertThat(all.getTotalCount()).isEqualTo(26L * (39 * 40 / 2));
        assertThat(all.getMinValue()).isEqualTo(1_000);
        assertThat(all.getMaxValue()).isBetween(99_950L, 100_050L);
        assertThat(latencies.merged().getTotalCount()).as("a merge takes nothing away").isEqualTo(all.getTotalCount());
    }

    @Test
    void aMergeWhileABotRecordsSeesEachValueAtMostOnceAndTheLastSeesThemAll() throws Exception {
        var latencies = new Latencies(3);
        int values = 2_000_000;
        var done = new AtomicBoolean();
        var writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < values; i++) {
                latencies.record(2, 5_000);
            }
            done.set(true);
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = 0;
        int merges = 0;
        while (!done.get() && System.nanoTime() < deadline) {
            long count = latencies.merged().getTotalCount();
            assertThat(count).isBetween(last, (long) values);
            last = count;
            merges++;
        }
        writer.join(Duration.ofSeconds(30));
        assertThat(done).isTrue();
        assertThat(latencies.merged().getTotalCount()).isEqualTo(values);
        assertThat(merges).isPositive();
    }

    @Test
    void clampsToAMinute() {
        var latencies = new Latencies(1);
        latencies.record(0, TimeUnit.MINUTES.toNanos(5));
        latencies.record(0, -7);
        var all = latencies.merged();
        assertThat(all.getMaxValue()).isBetween(TimeUnit.MINUTES.toMicros(1) - 60_000, TimeUnit.MINUTES.toMicros(1) + 60_000);
        assertThat(all.getMinValue()).isZero();
    }
}
