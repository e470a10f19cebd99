package org.causerie.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for a condition in the harness, through Awaitility: {@code condition} is polled every 20 ms
 * until it holds or {@code limit} has passed; a failure names what did not happen.
 */
final class Deadline {
    private Deadline() {}

    static boolean await(Duration limit, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    static void require(Duration limit, String what, BooleanSupplier condition) {
        if (!await(limit, condition)) {
            throw new AssertionError(what + " did not happen within " + limit.toSeconds() + " s");
        }
    }
}
