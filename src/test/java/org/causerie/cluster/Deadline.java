package org.causerie.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition in the harness, which has no Awaitility-friendly value to poll: checks
 * {@code condition} every few milliseconds until it holds or {@code limit} has passed. The pause is
 * a poll interval bounded by the deadline, not a guess at how long something takes.
 */
final class Deadline {
    private Deadline() {}

    static boolean await(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    static void require(Duration limit, String what, BooleanSupplier condition) {
        if (!await(limit, condition)) {
            throw new AssertionError(what + " did not happen within " + limit.toSeconds() + " s");
        }
    }
}
