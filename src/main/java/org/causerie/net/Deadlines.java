package org.causerie.net;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines on whole phases of a connection (its TLS handshake, its first line), however its bytes
 * trickle in: a per-read socket timeout is re-armed by every byte, a deadline is not. One daemon thread
 * for the whole process runs the expired ones; each action must be short and must not block (close a
 * socket, queue a notice). A deadline met is cancelled, and a cancelled one leaves the queue at once.
 */
public final class Deadlines {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Deadlines() {}

    /** Runs {@code action} after {@code delay}, unless the returned future is cancelled first. */
    public static Future<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("deadlines").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
