package org.causerie.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} uses per key in any sliding {@code window} (accounts created from one address in
 * an hour). Each key keeps the instants of its last uses, at most {@code max} of them, so memory per
 * key is bounded; keys whose uses have all left the window are swept when the map grows large.
 */
public final class Quota {
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final int max;
    private final Duration window;
    /** Key → its uses still in the window, oldest first; each deque guarded by its own monitor. */
    private final ConcurrentHashMap<String, ArrayDeque<Instant>> uses = new ConcurrentHashMap<>();

    public Quota(Clock clock, int max, Duration window) {
        if (max < 1) {
            throw new IllegalArgumentException("a quota allows at least one use");
        }
        this.clock = clock;
        this.max = max;
        this.window = window;
    }

    /** Counts one use if the key has one left in the window: true when it may go on. */
    public boolean tryTake(String key) {
        Instant now = clock.instant();
        ArrayDeque<Instant> recent = uses.computeIfAbsent(key, k -> new ArrayDeque<>());
        boolean taken;
        synchronized (recent) {
            expire(recent, now);
            taken = recent.size() < max;
            if (taken) {
                recent.addLast(now);
            }
        }
        if (uses.size() > SWEEP_ABOVE) {
            uses.forEach((k, deque) -> {
                synchronized (deque) {
                    expire(deque, now);
                    if (deque.isEmpty()) {
                        uses.remove(k, deque);
                    }
                }
            });
        }
        return taken;
    }

    /** Gives back the key's latest use (it did not happen after all: the work it was for failed). */
    public void refund(String key) {
        ArrayDeque<Instant> recent = uses.get(key);
        if (recent != null) {
            synchronized (recent) {
                recent.pollLast();
            }
        }
    }

    private void expire(ArrayDeque<Instant> recent, Instant now) {
        Instant start = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(start)) {
            recent.pollFirst();
        }
    }
}
