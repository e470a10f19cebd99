package org.causerie.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The pauses between connection attempts: 0.5 s, doubling up to 30 s. Each pause is spread by ±20 %
 * so that the clients of a server that restarts do not all come back in the same instant. Not
 * thread-safe: one sequence belongs to one reconnecting thread.
 */
public final class Backoff {
    static final long FIRST_MILLIS = 500;
    static final long MAX_MILLIS = 30_000;
    private static final double SPREAD = 0.2;

    /** Uniform in [0, 1): the jitter source, fixed in tests. */
    private final DoubleSupplier random;
    private long baseMillis = FIRST_MILLIS;

    public Backoff() {
        this(() -> ThreadLocalRandom.current().nextDouble());
    }

    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The pause before the next attempt; the one after it will be twice as long, up to the cap. */
    public Duration next() {
        long base = baseMillis;
        baseMillis = Math.min(base * 2, MAX_MILLIS);
        double factor = 1 - SPREAD + 2 * SPREAD * random.getAsDouble();
        return Duration.ofMillis(Math.min(Math.round(base * factor), MAX_MILLIS));
    }

    /** Starts the sequence again, after a connection succeeded. */
    public void reset() {
        baseMillis = FIRST_MILLIS;
    }
}
