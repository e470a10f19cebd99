package org.causerie.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latencies, recorded by thousands of reader threads at once. HdrHistogram keeps every value
 * to 3 significant digits in microseconds (up to a minute; longer ones count as a minute), so p99.9
 * and the maximum are exact enough to quote. Recording takes one of a few striped histograms, each
 * under its own monitor: with two cores the stripes are almost never contended, and no reader waits
 * for another's long merge.
 */
final class Latencies {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final int STRIPES = 16;

    private final Histogram[] stripes = new Histogram[STRIPES];

    Latencies() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Histogram(HIGHEST_MICROS, 3);
        }
    }

    /** Records one latency; {@code who} picks the stripe (a bot's index). */
    void record(int who, long nanos) {
        long micros = Math.clamp(nanos / 1_000, 0, HIGHEST_MICROS);
        Histogram stripe = stripes[who & (STRIPES - 1)];
        synchronized (stripe) {
            stripe.recordValue(micros);
        }
    }

    /** Everything recorded so far, as one histogram (a copy). */
    Histogram merged() {
        var all = new Histogram(HIGHEST_MICROS, 3);
        for (Histogram stripe : stripes) {
            synchronized (stripe) {
                all.add(stripe);
            }
        }
        return all;
    }

    /** p50, p99, p99.9 and max in milliseconds, or NaN when nothing was recorded. */
    static Summary summarize(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Summary(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }

    /** The figures a report quotes. */
    record Summary(long count, double p50, double p99, double p999, double max) {}
}
