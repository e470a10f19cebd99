package org.causerie.chat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.causerie.audit.Audit;
import org.causerie.auth.HashWorkers;
import org.causerie.auth.Passwords;
import org.causerie.event.Event;
import org.causerie.store.Account;
import org.causerie.store.Store;

/**
 * Registration and login. A registered nickname can be used only by sessions logged in to its account;
 * several sessions may be logged in at once and share the nickname. Every attempt passes the
 * {@link Gate} (rates per connection and address, failures per account and address, new accounts per
 * address) before its password is hashed, and every hash runs in the server's bounded
 * {@link HashWorkers}: past their queue, the attempt is refused with {@code busy}. A wrong nickname costs
 * the same hash as a wrong password, so that neither guessing nor timing tells who is registered.
 * Session tokens ({@link Sessions}) log in without a password. Each outcome is written to the audit log.
 */
public final class Accounts {
    private final Hub hub;
    private final Nicks nicks;
    private final Store store;
    private final HashWorkers hashing;
    private final Gate gate;
    private final Rules rules;

    Accounts(Hub hub, Nicks nicks, Store store, HashWorkers hashing, Gate gate, Rules rules) {
        this.hub = hub;
        this.nicks = nicks;
        this.store = store;
        this.hashing = hashing;
        this.gate = gate;
        this.rules = rules;
    }

    /** Registers the session's nickname with {@code password}, and logs the session in to it. */
    public void register(Session session, InetAddress from, String password) {
        if (session.account() != null) {
            throw new ChatException("already-registered", "you are logged in as " + session.nick());
        }
        String nick = session.nick();
        if (Names.fold(nick).startsWith(Names.GUEST_PREFIX)) {
            throw new ChatException("bad-nick", "choose a nickname first (/nick NAME), then /register PASSWORD");
        }
        if (rules.isOperatorName(nick)) { // it has an account, so rename refuses it too: never let it be claimed
            throw new ChatException("nick-registered", nick + " is registered already");
        }
        requireGoodPassword(password);
        gate.attempt(session, from);
        gate.reserveAccount(from);
        Optional<Account> created = Optional.empty();
        try {
            created = store.createAccount(nick, hash(password));
        } finally {
            if (created.isEmpty()) {
                gate.refundAccount(from);
            }
        }
        Account account = created.orElseThrow(() -> new ChatException("nick-registered", nick + " is registered already"));
        nicks.claimAccount(nick, account.id(), session); // it held the nickname as a guest: always succeeds
        session.account(account);
        hub.blocklists().loggedIn(session, true);
        Audit.from(from, "account_registered", "account", account.nick(), "session", session.id());
    }

    /** Logs in to the account of {@code nick}, takes that nickname, and hands over what came while away. */
    public List<Event.Private> login(Session session, InetAddress from, String nick, String password) {
        try {
            gate.attempt(session, from);
            gate.checkGuesses(nick, from);
        } catch (ChatException refused) {
            Audit.from(from, "login_failed", "name", nick, "reason", refused.code());
            throw refused;
        }
        Optional<Account> found = store.findAccount(nick);
        if (!verify(password, found.map(Account::passwordHash).orElse(null), from, nick)) {
            gate.failed(nick, from);
            Audit.from(from, "login_failed", "name", nick, "reason", "bad-login");
            throw new ChatException("bad-login", "wrong nickname or password");
        }
        gate.succeeded(nick, from);
        List<Event.Private> missed = enter(session, found.orElseThrow());
        Audit.from(from, "login", "account", session.nick(), "session", session.id());
        return missed;
    }

    /**
     * Logs the session in to {@code account}, whose credentials were checked: takes its nickname and hands
     * over what came while away.
     */
    List<Event.Private> enter(Session session, Account account) {
        hub.checkLogin(account); // a server ban, told only to whoever holds the credentials (password, token)
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
        session.forgetTokens(); // those of another account it was logged in to stay valid for their owner
        session.account(account);
        session.nick(account.nick());
        hub.blocklists().loggedIn(session, false);
        if (!old.equals(account.nick())) {
            hub.renamed(session, old, account.nick());
        }
        if (session.greeted()) { // an IRC client still registering is given them once welcomed
            hub.attach(session);
        }
        return Entries.missed(store.takeOffline(account.id()));
    }

    /**
     * Ends every other session logged in to {@code session}'s account (IRC's NickServ GHOST: a connection
     * that died without the server noticing yet). Returns how many were ended.
     */
    public int ghost(Session session, InetAddress from) {
        Account account = requireLogin(session);
        int ended = 0;
        for (Session other : nicks.sessions(account.nick())) {
            if (other != session) {
                other.end("ghost: ended by another session of " + account.nick());
                ended++;
            }
        }
        Audit.from(from, "ghost", "account", account.nick(), "session", session.id(), "ended", ended);
        return ended;
    }

    /** Whether {@code session} is logged in to a server operator's account. */
    public boolean serverOperator(Session session) {
        return rules.isOperator(session);
    }

    /** Whether {@code nick} names a server operator's account. */
    public boolean operatorName(String nick) {
        return rules.isOperatorName(nick);
    }

    /** Logs out: the session becomes the guest it was when it connected, and its session tokens are revoked. */
    public void logout(Session session, InetAddress from) {
        Account account = requireLogin(session);
        int revoked = 0;
        for (String hash : session.forgetTokens()) {
            revoked += store.deleteToken(hash) ? 1 : 0;
        }
        hub.detach(session, "logged out");
        String guest = session.guestNick();
        nicks.claimGuest(guest, session); // its own guest name: nobody else can hold it
        session.account(null);
        hub.blocklists().loggedOut(session);
        session.nick(guest);
        nicks.release(account.nick(), session);
        hub.renamed(session, account.nick(), guest);
        Audit.from(from, "logout", "account", account.nick(), "session", session.id(), "tokens_revoked", revoked);
    }

    /** Changes the password after checking the current one, and revokes every session token of the account. */
    public void changePassword(Session session, InetAddress from, String old, String fresh) {
        Account account = requireLogin(session);
        gate.attempt(session, from);
        gate.checkGuesses(account.nick(), from);
        Account stored = store.findAccount(account.nick()).orElseThrow();
        if (!verify(old, stored.passwordHash(), from, account.nick())) {
            gate.failed(account.nick(), from);
            Audit.from(from, "password_change_failed", "account", account.nick());
            throw new ChatException("bad-login", "the current password is wrong");
        }
        requireGoodPassword(fresh);
        store.updatePassword(account.id(), hash(fresh));
        int revoked = store.deleteTokens(account.id());
        session.forgetTokens();
        Audit.from(from, "password_changed", "account", account.nick(), "tokens_revoked", revoked);
    }

    Gate gate() {
        return gate;
    }

    Store store() {
        return store;
    }

    Instant now() {
        return gate.clock().instant();
    }

    private boolean verify(String password, String stored, InetAddress from, String nick) {
        try {
            return hashing.verify(password, stored);
        } catch (HashWorkers.Busy e) {
            Audit.from(from, "login_failed", "name", nick, "reason", "busy");
            throw busy();
        }
    }

    private String hash(String password) {
        try {
            return hashing.hash(password);
        } catch (HashWorkers.Busy e) {
            throw busy();
        }
    }

    private static ChatException busy() {
        return new ChatException("busy", "the server is busy checking passwords: try again in a few seconds");
    }

    static Account requireLogin(Session session) {
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
}
