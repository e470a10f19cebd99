package org.causerie.chat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.causerie.auth.Passwords;
import org.causerie.auth.Throttle;
import org.causerie.store.Account;
import org.causerie.store.Entry;
import org.causerie.store.Store;

/**
 * Registration and login. A registered nickname can be used only by sessions logged in to its account;
 * several sessions may be logged in at once and share the nickname. Password checks are slowed after
 * repeated failures, per connection and per account ({@link Throttle}), and a wrong nickname costs the
 * same time as a wrong password, so that neither guessing nor timing tells who is registered.
 */
public final class Accounts {
    private final Hub hub;
    private final Nicks nicks;
    private final Store store;
    private final Passwords passwords;
    private final Throttle throttle;

    Accounts(Hub hub, Nicks nicks, Store store, Passwords passwords, Throttle throttle) {
        this.hub = hub;
        this.nicks = nicks;
        this.store = store;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** Registers the session's nickname with {@code password}, and logs the session in to it. */
    public void register(Session session, String password) {
        if (session.account() != null) {
            throw new ChatException("already-registered", "you are logged in as " + session.nick());
        }
        String nick = session.nick();
        if (Names.fold(nick).startsWith(Names.GUEST_PREFIX)) {
            throw new ChatException("bad-nick", "choose a nickname first (/nick NAME), then /register PASSWORD");
        }
        requireGoodPassword(password);
        Account account = store.createAccount(nick, passwords.hash(password))
                .orElseThrow(() -> new ChatException("nick-registered", nick + " is registered already"));
        nicks.claimAccount(nick, account.id(), session); // it held the nickname as a guest: always succeeds
        session.account(account);
        hub.loggedIn(session, true);
    }

    /** Logs in to the account of {@code nick}, takes that nickname, and hands over what came while away. */
    public List<Entry.PrivateMessage> login(Session session, String nick, String password) {
        String connectionKey = "connection:" + session.id();
        String accountKey = "account:" + Names.fold(nick);
        Duration wait = max(throttle.wait(connectionKey), throttle.wait(accountKey));
        if (!wait.isZero()) {
            throw new ChatException("too-many-attempts", "too many failed attempts: try again in "
                    + Math.max(1, wait.toSeconds()) + " s");
        }
        Optional<Account> found = store.findAccount(nick);
        if (!passwords.verify(password, found.map(Account::passwordHash).orElse(null))) {
            throttle.failed(connectionKey);
            throttle.failed(accountKey);
            throw new ChatException("bad-login", "wrong nickname or password");
        }
        throttle.succeeded(connectionKey);
        throttle.succeeded(accountKey);
        Account account = found.orElseThrow();
        hub.checkLogin(account); // a server ban, told only to whoever knows the password
        Account current = session.account();
        if (current != null && current.id() == account.id()) {
            throw new ChatException("already-logged-in", "you are logged in as " + account.nick() + " already");
        }
        if (!nicks.claimAccount(account.nick(), account.id(), session)) {
            throw new ChatException("nick-taken", "a guest holds " + account.nick() + "; try again when it is free");
        }
        String old = session.nick();
        if (!Names.fold(old).equals(Names.fold(account.nick()))) {
            nicks.release(old, session);
        }
        session.account(account);
        session.nick(account.nick());
        hub.loggedIn(session, false);
        if (!old.equals(account.nick())) {
            hub.renamed(session, old, account.nick());
        }
        return store.takeOffline(account.id());
    }

    /** Logs out: the session becomes the guest it was when it connected. */
    public void logout(Session session) {
        Account account = requireLogin(session);
        String guest = session.guestNick();
        nicks.claimGuest(guest, session); // its own guest name: nobody else can hold it
        session.account(null);
        hub.loggedOut(session);
        session.nick(guest);
        nicks.release(account.nick(), session);
        hub.renamed(session, account.nick(), guest);
    }

    public void changePassword(Session session, String old, String fresh) {
        Account account = requireLogin(session);
        String key = "account:" + Names.fold(account.nick());
        if (!throttle.wait(key).isZero()) {
            throw new ChatException("too-many-attempts", "too many failed attempts: try again later");
        }
        Account stored = store.findAccount(account.nick()).orElseThrow();
        if (!passwords.verify(old, stored.passwordHash())) {
            throttle.failed(key);
            throw new ChatException("bad-login", "the current password is wrong");
        }
        requireGoodPassword(fresh);
        store.updatePassword(account.id(), passwords.hash(fresh));
    }

    private static Account requireLogin(Session session) {
        Account account = session.account();
        if (account == null) {
            throw new ChatException("not-logged-in", "you are not logged in: /login NICK PASSWORD");
        }
        return account;
    }

    private static void requireGoodPassword(String password) {
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw new ChatException("bad-password", problem);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
