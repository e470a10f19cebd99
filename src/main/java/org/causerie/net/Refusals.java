package org.causerie.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.causerie.audit.Audit;

/**
 * The log of refused connections: one {@code conn_refused} line per source and {@link #INTERVAL}, the
 * first refusal of the interval, carrying how many more of that source's refusals the previous line did
 * not show. A flood of refusals from one address thus writes a line every ten seconds, not one per attempt.
 */
final class Refusals {
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private static final int SWEEP_ABOVE = 4_096;

    private final LongSupplier nanos;
    private volatile int sweepAt = SWEEP_ABOVE;
    /** Per source: when it was last written, and the refusals since; guarded by the map's bin lock. */
    private final ConcurrentHashMap<InetAddress, long[]> last = new ConcurrentHashMap<>();

    Refusals(LongSupplier nanos) {
        this.nanos = nanos;
    }

    void note(InetAddress source, InetAddress address, String door, String code) {
        long now = nanos.getAsLong();
        if (last.size() > sweepAt) {
            sweep(now);
        }
        long[] unwritten = {-1};
        last.compute(source, (key, seen) -> {
            if (seen == null || now - seen[0] >= INTERVAL.toNanos()) {
                unwritten[0] = seen == null ? 0 : seen[1];
                return new long[] {now, 0};
            }
            seen[1]++;
            return seen;
        });
        if (unwritten[0] >= 0) {
            Audit.from(address, "conn_refused", "door", door, "reason", code, "refused_before", unwritten[0],
                    "seconds", INTERVAL.toSeconds());
        }
    }

    /**
     * Forgets the sources whose interval is over, so that refusals from ever new addresses take bounded
     * memory; what such a source had left unwritten is dropped (the audit log's own limit still counts).
     */
    private void sweep(long now) {
        last.forEach((key, seen) -> last.computeIfPresent(key, (k, s) -> now - s[0] >= INTERVAL.toNanos() ? null : s));
        sweepAt = Math.max(SWEEP_ABOVE, last.size() * 2);
    }
}
