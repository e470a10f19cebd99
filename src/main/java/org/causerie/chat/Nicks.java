package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import org.causerie.store.Claims;

/**
 * The nickname directory: who holds each nickname now. A nickname is held by one guest session, or by
 * the sessions of one account (a phone and a laptop). Every change is one atomic operation on the map
 * ({@code putIfAbsent}, {@code compute}), so two claims at the same instant never both win.
 *
 * <p>In a cluster a nickname is also claimed in the shared store ({@link Claims}), after this node's map
 * gave it and outside the map's locks; a name another node holds is refused, and the map's claim is
 * undone. This node renews its claims ({@link #renew}); it releases one when its last session here
 * gives it up.
 */
final class Nicks {

    /** The holder of a nickname; immutable, replaced on every change. {@code accountId} 0 is a guest. */
    record Holder(long accountId, List<Session> sessions) {}

    private final ConcurrentHashMap<String, Holder> byKey = new ConcurrentHashMap<>();
    /** The cluster's claims, or null on a single node. */
    private final Claims claims;
    private final String node;
    private final Duration lease;
    /** Set while this node's claims are forfeit (not renewed in time): releases skip the database, which is away. */
    private volatile boolean forfeit;

    /** The directory of a single node. */
    Nicks() {
        this(null, "", Duration.ZERO);
    }

    /** The directory of a cluster node: names are claimed in {@code claims} too, under {@code lease}. */
    Nicks(Claims claims, String node, Duration lease) {
        this.claims = claims;
        this.node = node;
        this.lease = lease;
    }

    /** Gives {@code nick} to a guest session; false if anyone holds it, here or on another node. */
    boolean claimGuest(String nick, Session session) {
        if (byKey.putIfAbsent(Names.fold(nick), new Holder(0, List.of(session))) != null) {
            return false;
        }
        return claimShared(nick, session.identity(), session);
    }

    /** Claims in the cluster what this node's map gave; undoes the map's claim if another node holds it. */
    private boolean claimShared(String nick, String identity, Session session) {
        if (claims == null || claims.claim(nick, identity, node, lease)) {
            return true;
        }
        release(nick, session);
        return false;
    }

    /** Who holds {@code nick} on another node, if anyone does (always empty on a single node). */
    Optional<Claims.Claim> elsewhere(String nick) {
        return claims == null ? Optional.empty() : claims.holderElsewhere(nick, node);
    }

    /** Marks this node's claims forfeit (true) or held again (false), see {@link #forfeit}. */
    void forfeit(boolean forfeit) {
        this.forfeit = forfeit;
    }

    /** Gives up this node's claims of names no session here holds (left while the database was away). */
    void forgetStale() {
        if (claims != null) {
            claims.keepOnly(node, List.copyOf(byKey.keySet())); // folded already: folding again keeps them
        }
    }

    /** Extends this node's claims; a cluster node calls it well within every lease. */
    void renew() {
        if (claims != null) {
            claims.renew(node, lease);
        }
    }

    /**
     * Adds {@code session} to the holders of {@code nick} for {@code accountId}. A nickname held by that
     * same session as a guest (it is registering its own name) becomes the account's. False if another
     * guest holds it.
     */
    boolean claimAccount(String nick, long accountId, Session session) {
        boolean[] claimed = {true};
        byKey.compute(Names.fold(nick), (key, holder) -> {
            if (holder == null || holder.sessions().equals(List.of(session))) {
                return new Holder(accountId, List.of(session));
            }
            if (holder.accountId() == accountId) {
                var sessions = new ArrayList<>(holder.sessions());
                if (!sessions.contains(session)) {
                    sessions.add(session);
                }
                return new Holder(accountId, List.copyOf(sessions));
            }
            claimed[0] = false;
            return holder;
        });
        // the account's identity, not the session's (still its guest's while it logs in): the account's
        // sessions on other nodes claim the name for the same identity, and are not refused as another person
        return claimed[0] && claimShared(nick, "a" + accountId, session);
    }

    /** Takes {@code session} off {@code nick}; the nickname is free once its last session is off. */
    void release(String nick, Session session) {
        Holder left = byKey.computeIfPresent(Names.fold(nick), (key, holder) -> {
            var sessions = new ArrayList<>(holder.sessions());
            sessions.remove(session);
            return sessions.isEmpty() ? null : new Holder(holder.accountId(), List.copyOf(sessions));
        });
        if (left == null && claims != null && !forfeit) {
            try {
                claims.release(nick, node);
            } catch (RuntimeException e) { // the database away: the claim lapses with the lease it is no longer given
                org.slf4j.LoggerFactory.getLogger(Nicks.class).warn("claim_release_failed nick={} reason={}", nick,
                        e.getMessage());
            }
        }
    }

    Holder get(String nick) {
        return byKey.get(Names.fold(nick));
    }

    /** The sessions holding {@code nick}, none if nobody does. */
    List<Session> sessions(String nick) {
        Holder holder = get(nick);
        return holder == null ? List.of() : holder.sessions();
    }

    /** The nicknames held on this node: the people connected, an account's several sessions counted once. */
    int holders() {
        return byKey.size();
    }

    /** Every connected session (each holds a nickname): a snapshot, for a server operator's sweep. */
    List<Session> everyone() {
        var all = new ArrayList<Session>();
        byKey.values().forEach(holder -> all.addAll(holder.sessions()));
        return all;
    }
}
