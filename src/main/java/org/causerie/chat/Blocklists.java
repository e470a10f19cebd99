package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.causerie.store.Account;
import org.causerie.store.Ignore;

/**
 * Who each user ignores (/ignore): their room and private messages are no longer delivered to any of
 * the user's sessions. An account's list is stored and shared by its sessions; a guest's lasts as long
 * as its connection. People are named by identity, so that ignoring a guest does not ignore the next
 * one who takes its nickname.
 */
public final class Blocklists {
    /** The most entries one user may keep. */
    public static final int MAX = 100;

    private final Hub hub;
    private final Nicks nicks;
    /** Orders changes of block lists (rare), so that two sessions of one account lose none. */
    private final Object changing = new Object();

    Blocklists(Hub hub, Nicks nicks) {
        this.hub = hub;
        this.nicks = nicks;
    }

    /** Adds {@code nick} (whoever holds it now: an account, or this one guest connection) to the user's list. */
    public Ignore add(Session session, String nick) {
        String identity = hub.identityOf(nick).orElseThrow(() -> new ChatException("no-such-nick", "nobody is called " + nick));
        if (identity.equals(session.identity())) {
            throw new ChatException("bad-target", "you cannot ignore yourself");
        }
        List<Session> held = nicks.sessions(nick);
        String shown = held.isEmpty() ? hub.store().findAccount(nick).map(Account::nick).orElse(nick) : held.getFirst().nick();
        var entry = new Ignore(identity, shown);
        synchronized (changing) {
            List<Ignore> list = new ArrayList<>(session.ignored());
            if (list.stream().anyMatch(ignore -> ignore.identity().equals(identity))) {
                throw new ChatException("already-ignored", "you ignore " + shown + " already");
            }
            if (list.size() >= MAX) {
                throw new ChatException("too-many-ignored", "you ignore " + MAX + " people already: /unignore one");
            }
            list.add(entry);
            keep(session, list, account -> hub.store().ignore(account.id(), entry));
        }
        return entry;
    }

    /** Takes {@code nick} (as listed, or whoever holds it now) off the user's list. */
    public Ignore remove(Session session, String nick) {
        synchronized (changing) {
            List<Ignore> list = new ArrayList<>(session.ignored());
            String now = hub.identityOf(nick).orElse(null);
            Ignore found = list.stream().filter(ignore -> Names.fold(ignore.nick()).equals(Names.fold(nick))
                    || ignore.identity().equals(now)).findFirst()
                    .orElseThrow(() -> new ChatException("not-ignored", "you do not ignore " + nick));
            list.remove(found);
            keep(session, list, account -> hub.store().unignore(account.id(), found.identity()));
            return found;
        }
    }

    public List<Ignore> of(Session session) {
        return session.ignored();
    }

    /** Stores the change for an account and gives the new list to all its sessions; a guest's is its own. */
    private void keep(Session session, List<Ignore> list, Consumer<Account> store) {
        Account account = session.account();
        if (account == null) {
            session.ignored(list);
            return;
        }
        store.accept(account);
        for (Session same : nicks.sessions(account.nick())) {
            same.ignored(list);
        }
    }

    /** Gives a session that has just logged in its account's list, kept with the first registration. */
    void loggedIn(Session session, boolean registered) {
        Account account = session.account();
        synchronized (changing) {
            if (registered) { // what the guest ignored, the new account keeps
                session.ignored().forEach(ignore -> hub.store().ignore(account.id(), ignore));
            }
            session.ignored(hub.store().ignores(account.id()));
        }
    }

    /** A session that logged out is a guest again, ignoring nobody. */
    void loggedOut(Session session) {
        session.ignored(List.of());
    }
}
