package org.causerie.net;

import java.util.concurrent.locks.LockSupport;
import org.causerie.Limits;
import org.causerie.event.Event;
import org.causerie.chat.Session;
import org.causerie.chat.Wakeups;

/**
 * The flood rule of one connection: a client over its rate is slowed first (its reader waits for the
 * next token, so TCP pushes back on it alone) and told once; if it stays over its rate for the whole
 * grace period, it is told and dropped. Used by the connection's reader only.
 */
public final class Flood {
    private final Limits policy;
    private final Session session;
    private final TokenBucket bucket;
    /** When this client went over its rate and stayed over, or 0 when it is within it. */
    private long overSince;
    private boolean warned;

    public Flood(Limits policy, Session session) {
        this.policy = policy;
        this.session = session;
        this.bucket = policy.lifted() ? null : new TokenBucket(policy.burst(), policy.perSecond(), System.nanoTime());
    }

    /** Waits for this line's turn; false when the client has flooded too long and must go. */
    public boolean admit() {
        if (bucket == null) {
            return true;
        }
        long now = System.nanoTime();
        long wait = bucket.take(now);
        if (wait == 0) {
            overSince = 0;
            return true;
        }
        if (overSince == 0) {
            overSince = now;
        }
        if (now - overSince > policy.floodGrace().toNanos()) {
            org.causerie.metrics.Meters.limitHit("flood_dropped");
            session.send(new Event.Notice("disconnected: more than " + (int) policy.perSecond()
                    + " lines a second for " + policy.floodGrace().toSeconds() + " s"));
            return false;
        }
        org.causerie.metrics.Meters.limitHit("rate_slowed");
        if (!warned) {
            warned = true;
            session.send(new Event.Notice("you are sending too fast: slowed down to " + (int) policy.perSecond()
                    + " lines a second"));
        }
        Wakeups.flushCurrent(); // others get this client's last lines before it waits
        LockSupport.parkNanos(wait);
        return true;
    }
}
