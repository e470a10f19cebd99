package org.causerie.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latencies, recorded by thousands of reader threads at once. HdrHistogram keeps every value
 * to 3 significant digits in microseconds (up to a minute; longer ones count as a minute), so p99.9
 * and the maximum are exact enough to quote.
 *
 * <p>Recording is the load generator's hot path (once per delivery, millions a second), and a histogram
 * shared by the readers of both cores cost it more than finding the lines did: its counts and its
 * monitor moved from one core's cache to the other's at nearly every delivery (JFR put 28 % of the load
 * generator's samples on that one call). So each recorder (a bot, written by its reader thread only)
 * appends to a buffer of its own, with no lock and no shared cache line, and moves a full buffer into
 * one of a few striped histograms under that stripe's monitor, once per {@value #BUFFERED} values.
 *
 * <p>{@link #merged} reads each stripe and the buffers that flush into it under the stripe's monitor, so
 * every value recorded before the call counts exactly once: a buffer cannot be emptied into its stripe
 * while the merge holds that stripe, and a value is published by the release store of the buffer's count.
 */
final class Latencies {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final int STRIPES = 16;
    private static final int BUFFERED = 256;
    /**
     * A recorder's slots: its count, then its values, the count kept a cache line away from the array's
     * header and its neighbours (the buffers of two bots are separate arrays of 2 KB or more).
     */
    private static final int COUNT = 8;
    private static final int FIRST = 16;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle BUFFERS = MethodHandles.arrayElementVarHandle(long[][].class);

    private final Histogram[] stripes = new Histogram[STRIPES];
    /** By recorder, made by the recorder's own thread at its first value (null before). */
    private final long[][] buffers;

    /** Latencies from recorders {@code 0 .. recorders - 1}. */
    Latencies(int recorders) {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Histogram(HIGHEST_MICROS, 3);
        }
        buffers = new long[recorders][];
    }

    /**
     * Records one latency of recorder {@code who} (a bot's index). Each recorder must be recorded by one
     * thread at a time, its reader: the buffer has a single writer.
     */
    void record(int who, long nanos) {
        long micros = Math.clamp(nanos / 1_000, 0, HIGHEST_MICROS);
        long[] buffer = (long[]) BUFFERS.getAcquire(buffers, who);
        if (buffer == null) {
            buffer = new long[FIRST + BUFFERED + 8];
            BUFFERS.setRelease(buffers, who, buffer);
        }
        int count = (int) buffer[COUNT];
        if (count == BUFFERED) {
            flush(who, buffer);
            count = 0;
        }
        buffer[FIRST + count] = micros;
        SLOTS.setRelease(buffer, COUNT, (long) count + 1);
    }

    private void flush(int who, long[] buffer) {
        Histogram stripe = stripes[who & (STRIPES - 1)];
        synchronized (stripe) {
            for (int i = 0; i < BUFFERED; i++) {
                stripe.recordValue(buffer[FIRST + i]);
            }
            SLOTS.setRelease(buffer, COUNT, 0L);
        }
    }

    /** Everything recorded so far, as one histogram (a copy). */
    Histogram merged() {
        var all = new Histogram(HIGHEST_MICROS, 3);
        for (int s = 0; s < STRIPES; s++) {
            Histogram stripe = stripes[s];
            synchronized (stripe) {
                all.add(stripe);
                for (int who = s; who < buffers.length; who += STRIPES) {
                    long[] buffer = (long[]) BUFFERS.getAcquire(buffers, who);
                    int count = buffer == null ? 0 : (int) (long) SLOTS.getAcquire(buffer, COUNT);
                    for (int i = 0; i < count; i++) {
                        all.recordValue(buffer[FIRST + i]);
                    }
                }
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
