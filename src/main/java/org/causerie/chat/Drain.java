package org.causerie.chat;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.causerie.audit.Audit;
import org.causerie.event.Event;

/**
 * A server operator's {@code /drain}, for an upgrade behind a load balancer: from then on the server's
 * ports are closed (so a balancer's next connection is refused and goes elsewhere; the admin port stays,
 * its readiness probe failing), the hub refuses new sessions that raced in on every door ({@code draining}), every session is sent {@link #NOTICE} (a notice, so each
 * door says it its own way: {@code - drain: …}, JSON {@code notice}, IRC {@code NOTICE}), and once every
 * session has gone, or the deadline has passed, the server stops as {@code /shutdown} does, which ends
 * the sessions still there. Clients that know the notice (the terminal client) reconnect to another node.
 */
final class Drain {
    /** The notice's text; its first word is what clients look for (docs/protocol.md). */
    static final String NOTICE = "drain: this server is closing for maintenance; reconnect to another server";
    static final Duration LONGEST = Duration.ofHours(1);
    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final Hub hub;
    private final Nicks nicks;
    private final Runnable shutdown;
    private volatile boolean draining;
    /** What the server does first when it drains: it closes its listening ports (see {@link Hub#onDrain}). */
    private final java.util.List<Runnable> first = new java.util.concurrent.CopyOnWriteArrayList<>();

    Drain(Hub hub, Nicks nicks, Runnable shutdown) {
        this.hub = hub;
        this.nicks = nicks;
        this.shutdown = shutdown;
    }

    boolean draining() {
        return draining;
    }

    void onStart(Runnable action) {
        first.add(action);
    }

    /** Starts draining (once: a second /drain is refused); the wait runs on a thread of its own. */
    synchronized void start(Session actor, Duration deadline) {
        if (draining) {
            throw new ChatException("draining", "the server is already draining");
        }
        draining = true;
        for (Runnable action : first) {
            action.run();
        }
        int sessions = hub.sessions();
        Audit.event("server_drain", "by", actor.nick(), "session", actor.id(), "sessions", sessions,
                "deadline_s", deadline.toSeconds());
        for (Session session : nicks.everyone()) {
            session.send(new Event.Notice(NOTICE));
        }
        long end = System.nanoTime() + deadline.toNanos();
        Thread.ofVirtual().name("drain").start(() -> {
            // A rare operator action: polling the session count, bounded by the deadline, costs nothing.
            while (hub.sessions() > 0 && System.nanoTime() < end) {
                LockSupport.parkNanos(POLL_NANOS);
            }
            int left = hub.sessions();
            Audit.event("server_drained", "sessions_left", left, "by", actor.nick());
            shutdown.run();
        });
    }
}
