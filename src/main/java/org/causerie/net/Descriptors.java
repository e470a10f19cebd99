package org.causerie.net;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's file descriptors, and how many connections they leave room for. Every connection holds
 * one descriptor; the server needs more for itself (its class path, the store's files, logs, its listening
 * sockets) and must keep a reserve so that it can always accept a connection and refuse it politely.
 * Out of descriptors, {@code accept} fails instead, and nobody is told anything.
 */
public final class Descriptors {
    private static final Logger log = LoggerFactory.getLogger(Descriptors.class);
    /** Descriptors kept free beyond those open at start: at least this many… */
    static final int MIN_RESERVE = 64;
    /** …or this share of the limit, if that is more (files and jars opened later, the store's journal)… */
    static final int RESERVE_PERCENT = 10;
    /**
     * …but never more than this many: what the server opens after its start is tens of descriptors, and
     * a refusal holds one for the time of a line. A tenth of a large limit would leave thousands unused
     * (1,988 of 20,000; 104,857 of 1,048,576).
     */
    static final int MAX_RESERVE = 512;

    private Descriptors() {}

    /**
     * The most connections the descriptor limit allows: {@code wanted}, or fewer when the limit leaves
     * less room; says in the log what it found and chose (a warning only when an explicit setting was cut).
     */
    public static int fit(int wanted) {
        long limit = -1;
        long open = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            limit = unix.getMaxFileDescriptorCount();
            open = unix.getOpenFileDescriptorCount();
        }
        int chosen = fit(wanted, limit, open);
        if (limit < 0) {
            log.info("descriptors limit=unknown max_connections={}", chosen);
        } else if (chosen < wanted && wanted != org.causerie.Limits.DEFAULTS.total()) {
            // only a number the operator chose is worth a warning; the default is meant to be fitted
            log.warn("descriptors limit={} open={} reserve={} max_connections={} asked={}"
                    + " (raise the open-files limit, ulimit -n, for more)", limit, open, reserve(limit), chosen, wanted);
        } else {
            log.info("descriptors limit={} open={} reserve={} max_connections={}", limit, open, reserve(limit), chosen);
        }
        return chosen;
    }

    /** {@code wanted}, or what {@code limit} leaves once {@code open} and the reserve are set aside (at least 1). */
    static int fit(int wanted, long limit, long open) {
        if (limit < 0 || open < 0) {
            return wanted;
        }
        long room = limit - open - reserve(limit);
        return (int) Math.max(1, Math.min(wanted, room));
    }

    static long reserve(long limit) {
        return Math.clamp(limit * RESERVE_PERCENT / 100, MIN_RESERVE, MAX_RESERVE);
    }
}
