package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nickname directory: who holds each nickname now. A nickname is held by one guest session, or by
 * the sessions of one account (a phone and a laptop). Every change is one atomic operation on the map
 * ({@code putIfAbsent}, {@code compute}), so two claims at the same instant never both win.
 */
final class Nicks {

    /** The holder of a nickname; immutable, replaced on every change. {@code accountId} 0 is a guest. */
    record Holder(long accountId, List<Session> sessions) {}

    private final ConcurrentHashMap<String, Holder> byKey = new ConcurrentHashMap<>();

    /** Gives {@code nick} to a guest session; false if anyone holds it. */
    boolean claimGuest(String nick, Session session) {
        return byKey.putIfAbsent(Names.fold(nick), new Holder(0, List.of(session))) == null;
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
        return claimed[0];
    }

    /** Takes {@code session} off {@code nick}; the nickname is free once its last session is off. */
    void release(String nick, Session session) {
        byKey.computeIfPresent(Names.fold(nick), (key, holder) -> {
            var sessions = new ArrayList<>(holder.sessions());
            sessions.remove(session);
            return sessions.isEmpty() ? null : new Holder(holder.accountId(), List.copyOf(sessions));
        });
    }

    Holder get(String nick) {
        return byKey.get(Names.fold(nick));
    }

    /** The sessions holding {@code nick}, none if nobody does. */
    List<Session> sessions(String nick) {
        Holder holder = get(nick);
        return holder == null ? List.of() : holder.sessions();
    }

    /** Every connected session (each holds a nickname): a snapshot, for a server operator's sweep. */
    List<Session> everyone() {
        var all = new ArrayList<Session>();
        byKey.values().forEach(holder -> all.addAll(holder.sessions()));
        return all;
    }
}
