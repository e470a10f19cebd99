package org.causerie.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failures for one key (an account from
 * one address), the next attempt must wait {@link #FIRST_WAIT}, and each further failure doubles the
 * wait up to {@link #MAX_WAIT}. So attempts 1 to 3 are free, the 4th waits 1 s, the 5th 2 s, the 6th
 * 4 s, and so on. A success clears the key. Keys are forgotten once their wait has passed long ago,
 * so the map does not grow without bound.
 */
public final class Throttle {
    public static final int FREE_FAILURES = 3;
    public static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);
    /** Above this many keys, each failure forgets the keys whose wait passed long ago. */
    static final int SWEEP_ABOVE = 10_000;

    private record State(int failures, Instant notBefore) {}

    private final Clock clock;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    public Throttle(Clock clock) {
        this.clock = clock;
    }

    /** How long the key must still wait before its next attempt; zero when it may try now. */
    public Duration wait(String key) {
        State state = states.get(key);
        if (state == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), state.notBefore());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String key) {
        Instant now = clock.instant();
        states.compute(key, (k, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            return new State(failures, now.plus(waitAfter(failures)));
        });
        if (states.size() > SWEEP_ABOVE) {
            Instant stale = now.minus(MAX_WAIT.multipliedBy(2));
            states.values().removeIf(state -> state.notBefore().isBefore(stale));
        }
    }

    /** The wait before the next attempt once {@code failures} attempts have failed in a row. */
    static Duration waitAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    public void succeeded(String key) {
        states.remove(key);
    }
}
