package org.causerie.chat;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A spending limit per key (an address and a recipient, an address alone…): {@code amount} units per
 * {@code window}, refilled steadily, so a key that spent it all may spend again a little at a time.
 * Thread-safe. Keys that have refilled completely are forgotten when the map grows, so that a storm of
 * keys cannot hold memory.
 */
final class Budget {
    private static final int SWEEP_ABOVE = 10_000;

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Purse> purses = new ConcurrentHashMap<>();

    /** What one key has left, as of {@code at}; guarded by its own monitor. */
    private static final class Purse {
        double left;
        long at;

        Purse(double left, long at) {
            this.left = left;
            this.at = at;
        }
    }

    Budget(long amount, Duration window, LongSupplier nanos) {
        this.capacity = amount;
        this.perNano = amount / (double) window.toNanos();
        this.nanos = nanos;
    }

    static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, Duration.ofSeconds(1), System::nanoTime);
    }

    /** Spends {@code units} of {@code key}'s budget, or nothing and returns false when that is more than is left. */
    boolean spend(String key, long units) {
        if (capacity >= Long.MAX_VALUE) {
            return true;
        }
        long now = nanos.getAsLong();
        Purse purse = purses.computeIfAbsent(key, k -> new Purse(capacity, now));
        boolean spentIt;
        synchronized (purse) {
            purse.left = Math.min(capacity, purse.left + (now - purse.at) * perNano);
            purse.at = now;
            spentIt = purse.left >= units;
            if (spentIt) {
                purse.left -= units;
            }
        }
        if (purses.size() > SWEEP_ABOVE) {
            purses.values().removeIf(p -> {
                synchronized (p) {
                    return p.left + (now - p.at) * perNano >= capacity;
                }
            });
        }
        return spentIt;
    }
}
