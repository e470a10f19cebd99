package org.causerie.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failures for one key (an account, a
 * connection), each further attempt must wait, the wait doubling with every failure up to
 * {@link #MAX_WAIT}. A success clears the key. Keys are forgotten once their wait has passed long ago,
 * so the map does not grow without bound.
 */
public final class Throttle {
    public static final int FREE_FAILURES = 3;
    public static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);

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
            Duration wait = Duration.ZERO;
            if (failures > FREE_FAILURES) {
                int doublings = Math.min(failures - FREE_FAILURES - 1, 20);
                wait = FIRST_WAIT.multipliedBy(1L << doublings);
                if (wait.compareTo(MAX_WAIT) > 0) {
                    wait = MAX_WAIT;
                }
            }
            return new State(failures, now.plus(wait));
        });
        if (states.size() > 10_000) {
            Instant stale = now.minus(MAX_WAIT.multipliedBy(2));
            states.values().removeIf(state -> state.notBefore().isBefore(stale));
        }
    }

    public void succeeded(String key) {
        states.remove(key);
    }
}
