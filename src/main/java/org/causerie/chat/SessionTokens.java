package org.causerie.chat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.causerie.audit.Audit;
import org.causerie.auth.Tokens;
import org.causerie.event.Event;
import org.causerie.store.Account;

/**
 * Session tokens: {@code /token} gives a logged-in session a random token, shown once, that logs a later
 * session in to the same account without a password ({@code /resume TOKEN}), until it expires or is
 * revoked. The store keeps only the token's SHA-256 ({@link Tokens}). {@code /logout} revokes the tokens
 * the session used or got; {@code /password} revokes all of the account's. Wrong tokens are throttled per
 * address like wrong passwords, and resumes count as attempts at the {@link Gate}.
 */
public final class SessionTokens {
    /** A token as given to its client, once, and when it stops working. */
    public record Issued(String token, Instant expires) {}

    private final Accounts accounts;
    private final Tokens tokens = new Tokens();

    SessionTokens(Accounts accounts) {
        this.accounts = accounts;
    }

    public Issued issue(Session session, InetAddress from) {
        Account account = Accounts.requireLogin(session);
        String token = tokens.issue();
        String hash = Tokens.hash(token);
        Instant expires = accounts.now().plus(accounts.gate().limits().tokenLifetime());
        accounts.store().saveToken(hash, account.id(), expires);
        session.rememberToken(hash);
        Audit.from(from, "token_issued", "account", account.nick(), "session", session.id(), "expires", expires);
        return new Issued(token, expires);
    }

    /** Logs the session in to the token's account; {@code bad-token} if it is unknown, expired or revoked. */
    public List<Event.Private> resume(Session session, InetAddress from, String token) {
        Gate gate = accounts.gate();
        try {
            gate.attempt(session, from);
            gate.checkTokens(from);
        } catch (ChatException refused) {
            Audit.from(from, "resume_failed", "reason", refused.code());
            throw refused;
        }
        String hash = Tokens.wellFormed(token) ? Tokens.hash(token) : null;
        Account account = hash == null ? null : accounts.store().findToken(hash, accounts.now()).orElse(null);
        if (account == null) {
            gate.tokenFailed(from);
            Audit.from(from, "resume_failed", "reason", "bad-token");
            throw new ChatException("bad-token", "this token is unknown, expired or revoked: /login NICK PASSWORD");
        }
        List<Event.Private> missed = accounts.enter(session, account);
        session.rememberToken(hash);
        Audit.from(from, "token_resumed", "account", account.nick(), "session", session.id());
        return missed;
    }
}
