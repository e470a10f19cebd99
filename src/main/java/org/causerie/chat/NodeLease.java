package org.causerie.chat;

import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.causerie.store.Claims;

/**
 * A cluster node's hold on its nicknames: it renews its claims and says it is alive, well within every
 * lease; it has every node tell the quits of dead nodes' members; and it ends its own sessions before
 * its claims could lapse, since another node may then give their names away. See docs/cluster.md.
 */
final class NodeLease {
    private final Claims claims;
    private final Nicks nicks;
    private final Presence presence;
    private final Relay relay;
    private final String node;
    private final Duration lease;
    private final IntSupplier sessions;
    /**
     * When this node last began a renewal of its claims that succeeded (System.nanoTime), and whether it
     * let its sessions go because it could not renew in time; guarded by this object's monitor.
     */
    private long renewedAt = System.nanoTime();
    private boolean lapsed;
    /** The live nodes as the last renewal found them (LUSERS), so that no registration asks the database. */
    private volatile int liveNodes = 1;
    /** Ends the sessions when renewals stop succeeding (a renewal may hang on a database that is away). */
    private final Thread watch;

    /** Says this node is alive, has every node tell the quits of its previous life's members, and starts the watch. */
    NodeLease(Claims claims, Nicks nicks, Presence presence, Relay relay, String node, Duration lease,
            IntSupplier sessions) {
        this.claims = claims;
        this.nicks = nicks;
        this.presence = presence;
        this.relay = relay;
        this.node = node;
        this.lease = lease;
        this.sessions = sessions;
        claims.beat(node, 0); // alive before any member is written; an earlier life's members quit
        tellGone(presence.resync(), "node " + node + " restarted");
        this.watch = Thread.ofVirtual().name("lease-watch").start(this::watch);
    }

    /** The cluster's live nodes at the last renewal (at least this one). */
    int liveNodes() {
        return liveNodes;
    }

    void stop() {
        watch.interrupt();
    }

    /**
     * Extends this node's nickname claims and says it is alive with its session count; called three
     * times per lease. Then takes the members of dead nodes and has every node tell their quits. A node
     * that cannot renew ends its sessions at the renewal after which the next one would come too late.
     */
    void renew() {
        long started = System.nanoTime();
        try {
            nicks.renew();
            claims.beat(node, sessions.getAsInt());
        } catch (RuntimeException e) {
            lapseIfDue(started);
            throw e;
        }
        boolean resync;
        synchronized (this) {
            renewedAt = started;
            resync = lapsed || presence.stale();
            lapsed = false;
        }
        if (resync) { // this node's members and names as the database has them may be wrong: written again
            nicks.forfeit(false);
            nicks.forgetStale();
            tellGone(presence.resync(), "node " + node + " lost its database");
        }
        liveNodes = Math.max(1, claims.nodes(lease).size());
        claims.takeLapsed(); // the names of dead nodes' users are free; their quits come from their rooms below
        for (Claims.Gone gone : presence.sweep()) {
            if (!gone.stillThere()) {
                tellGone(List.of(gone.member()), "node " + gone.member().node() + " lost");
            }
        }
    }

    /**
     * Until interrupted, checks twelve times per lease that a renewal succeeded recently enough: a renewal
     * stuck on a database that does not answer (the pool waits for a connection) must not keep this node
     * serving names past its lease.
     */
    private void watch() {
        while (true) {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(1_000_000, lease.toNanos() / 12)));
            } catch (InterruptedException e) {
                return;
            }
            lapseIfDue(System.nanoTime());
        }
    }

    /** Ends every session of this node if its claims would lapse before the next renewal. */
    private void lapseIfDue(long now) {
        long renewEvery = lease.toNanos() / 3;
        synchronized (this) {
            if (lapsed || now - renewedAt < lease.toNanos() - renewEvery) {
                return;
            }
            lapsed = true;
        }
        nicks.forfeit(true); // their claims are let go when the database is back (forgetStale)
        List<Session> all = nicks.everyone();
        org.causerie.audit.Audit.event("cluster_lease_lost", "node", node, "sessions", all.size());
        for (Session session : all) {
            session.end(Hub.LEASE_LOST);
        }
    }

    /**
     * Has every node (this one too) tell the rooms of {@code members} that they quit, saying {@code reason}:
     * a quit with its place in each room's sequence ({@link Relay#gone}), read back by a node that missed it.
     */
    private void tellGone(List<Claims.Member> members, String reason) {
        for (Claims.Member member : members) {
            relay.gone(member, reason);
        }
    }
}
