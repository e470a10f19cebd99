package org.causerie.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.causerie.event.Envelope;
import org.causerie.store.Account;

/**
 * A room's members on this node, in order of arrival, and which of them the room has not been told of
 * yet. Not thread-safe: every access happens under the owning {@link Room}'s lock, which is what makes
 * a broadcast reach every member in one order.
 *
 * <p>An account's several sessions (multiclient) are several members here but one person to the room:
 * the views below ({@link #nicks}, {@link #people}) count it once.
 */
final class Members implements Iterable<Session> {
    private final LinkedHashSet<Session> sessions = new LinkedHashSet<>();
    /**
     * Guests whose arrival the room has not been told (it was big when they came): their join, nick
     * changes and leaving reach themselves alone until they speak, log in or have stayed a while. A
     * storm of guests that come and go thus costs the members nothing. A subset of {@link #sessions}.
     */
    private final HashSet<Session> unannounced = new HashSet<>();

    boolean contains(Session session) {
        return sessions.contains(session);
    }

    void add(Session session) {
        sessions.add(session);
    }

    /** Adds a guest whose arrival the room is not told yet. */
    void addUnannounced(Session session) {
        sessions.add(session);
        unannounced.add(session);
    }

    /** Takes {@code session} out, announced or not. */
    void remove(Session session) {
        sessions.remove(session);
        unannounced.remove(session);
    }

    /** Marks {@code session}'s arrival as told; false if it was told already (or is not in). */
    boolean announced(Session session) {
        return unannounced.remove(session);
    }

    boolean isUnannounced(Session session) {
        return unannounced.contains(session);
    }

    /** The number of sessions in, an account's several counted each. */
    int sessions() {
        return sessions.size();
    }

    boolean isEmpty() {
        return sessions.isEmpty();
    }

    @Override
    public Iterator<Session> iterator() {
        return sessions.iterator();
    }

    /**
     * Another member logged in to the same account as {@code session} (the room knows the account once,
     * whatever number of its sessions are in), or null; a guest has none.
     */
    Session sibling(Session session) {
        if (session.account() == null) {
            return null;
        }
        String identity = session.identity();
        for (Session member : sessions) {
            if (member != session && member.account() != null && member.identity().equals(identity)) {
                return member;
            }
        }
        return null;
    }

    /** The people in: sessions, an account's several counted once. */
    int people() {
        int accounts = 0;
        var seen = new HashSet<String>();
        for (Session member : sessions) {
            if (member.account() != null) {
                accounts++;
                seen.add(member.identity());
            }
        }
        return sessions.size() - accounts + seen.size();
    }

    /** The members' nicknames in order of arrival, an account's sessions once: a new list. */
    List<String> nicks() {
        var nicks = new ArrayList<String>(sessions.size());
        var seen = new HashSet<String>();
        for (Session member : sessions) {
            if (member.account() == null || seen.add(member.identity())) {
                nicks.add(member.nick());
            }
        }
        return nicks;
    }

    /**
     * The members' nicknames in order of arrival, each after its status in {@code modes} as IRC writes it
     * ({@code @} for an operator, {@code +} for a voiced member, both in that order).
     */
    List<String> nicksWithStatus(Modes modes) {
        var nicks = new ArrayList<String>(sessions.size());
        var seen = new HashSet<String>();
        for (Session member : sessions) {
            String identity = member.identity();
            if (member.account() != null && !seen.add(identity)) {
                continue; // an account's sessions are one member
            }
            nicks.add((modes.operators.contains(identity) ? "@" : "") + (modes.voiced.contains(identity) ? "+" : "")
                    + member.nick());
        }
        return nicks;
    }

    /** The sessions logged in to {@code account}'s id: a new list. */
    List<Session> of(long account) {
        var found = new ArrayList<Session>();
        for (Session member : sessions) {
            Account logged = member.account();
            if (logged != null && logged.id() == account) {
                found.add(member);
            }
        }
        return found;
    }

    /** Every member session called {@code nick} (an account's several, or one), maybe none: a new list. */
    List<Session> called(String nick) {
        String key = Names.fold(nick);
        var found = new ArrayList<Session>();
        for (Session member : sessions) {
            if (Names.fold(member.nick()).equals(key)) {
                found.add(member);
            }
        }
        return found;
    }

    /** Queues {@code envelope} to every member but those called {@code folded} (null: none). */
    void deliverBut(Envelope envelope, String folded) {
        for (Session member : sessions) {
            if (folded == null || !Names.fold(member.nick()).equals(folded)) {
                member.deliver(envelope);
            }
        }
    }
}
