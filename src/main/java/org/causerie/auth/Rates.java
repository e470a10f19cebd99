package org.causerie.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (an address, a connection, an account): {@code burst} at once, then
 * {@code perSecond} steadily. Thread-safe; each key's bucket changes in one atomic {@code compute}.
 * A bucket that has filled up again is the same as no bucket, so such buckets are swept when the map
 * grows large: a flood of keys cannot grow it without bound.
 */
public final class Rates {
    private static final int SWEEP_ABOVE = 10_000;

    private record Bucket(double tokens, long nanos) {}

    private final Clock clock;
    private final double burst;
    private final double perNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Rates(Clock clock, int burst, double perSecond) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a rate has a positive burst and a positive refill");
        }
        this.clock = clock;
        this.burst = burst;
        this.perNano = perSecond / 1e9;
    }

    /** A rate that never refuses. */
    public static Rates unlimited(Clock clock) {
        return new Rates(clock, Integer.MAX_VALUE, Double.POSITIVE_INFINITY);
    }

    /** Takes one token if there is one: true when the key may go on now. */
    public boolean tryTake(String key) {
        if (perNano == Double.POSITIVE_INFINITY) {
            return true;
        }
        long now = nanos();
        boolean[] taken = new boolean[1];
        buckets.compute(key, (k, bucket) -> {
            double tokens = refilled(bucket, now);
            taken[0] = tokens >= 1;
            return new Bucket(taken[0] ? tokens - 1 : tokens, now);
        });
        sweep(now);
        return taken[0];
    }

    /** Takes one token, going below zero if need be (a debt that later attempts wait out). */
    public void take(String key) {
        if (perNano == Double.POSITIVE_INFINITY) {
            return;
        }
        long now = nanos();
        buckets.compute(key, (k, bucket) -> new Bucket(refilled(bucket, now) - 1, now));
        sweep(now);
    }

    /** How long until the key has a whole token; zero when it has one now. */
    public Duration wait(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null || perNano == Double.POSITIVE_INFINITY) {
            return Duration.ZERO;
        }
        double tokens = refilled(bucket, nanos());
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }

    private double refilled(Bucket bucket, long now) {
        return bucket == null ? burst : Math.min(burst, bucket.tokens() + (now - bucket.nanos()) * perNano);
    }

    private void sweep(long now) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> refilled(bucket, now) >= burst);
        }
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
