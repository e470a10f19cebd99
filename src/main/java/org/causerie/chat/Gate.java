package org.causerie.chat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;
import org.causerie.AccountLimits;
import org.causerie.auth.Quota;
import org.causerie.auth.Rates;
import org.causerie.auth.Throttle;

/**
 * What an attempt to get into an account may cost, checked before any password is hashed:
 * <ul>
 * <li>attempts (logins, registrations, password changes, resumes) per connection: {@value #CONNECTION_BURST}
 *     at once, then one every {@value #CONNECTION_SECONDS} s; per address, as {@link AccountLimits} says;
 * <li>failed logins per (account, address), doubling the wait after 3 ({@link Throttle}): the guesser's
 *     address is slowed, not the owner's; and a larger budget of failures per account from every
 *     address, {@value #ACCOUNT_BUDGET} at once and one more a minute, against guessing from many addresses;
 * <li>accounts created per address in any hour.
 * </ul>
 * Addresses from the exempt networks skip the per-address limits; an IPv6 address counts as its /64.
 */
public final class Gate {
    static final int CONNECTION_BURST = 5;
    static final int CONNECTION_SECONDS = 5;
    static final int ACCOUNT_BUDGET = 20;

    private final Clock clock;
    private final AccountLimits limits;
    private final Predicate<InetAddress> exempt;
    private final Rates perConnection;
    private final Rates perAddress;
    private final Rates perAccount;
    private final Throttle guesses;
    private final Quota accountsCreated;

    public Gate(Clock clock, AccountLimits limits, Predicate<InetAddress> exempt) {
        this.clock = clock;
        this.limits = limits;
        this.exempt = exempt;
        this.perConnection = limits.attemptsPerSecond() == Double.POSITIVE_INFINITY ? Rates.unlimited(clock)
                : new Rates(clock, CONNECTION_BURST, 1.0 / CONNECTION_SECONDS);
        this.perAddress = new Rates(clock, limits.attemptBurst(), limits.attemptsPerSecond());
        this.perAccount = new Rates(clock, ACCOUNT_BUDGET, 1.0 / 60);
        this.guesses = new Throttle(clock);
        this.accountsCreated = new Quota(clock, limits.accountsPerHour(), Duration.ofHours(1));
    }

    /** Defaults, every address counted, for hubs without a server. */
    public static Gate defaults() {
        return new Gate(Clock.systemUTC(), AccountLimits.DEFAULTS, address -> false);
    }

    Clock clock() {
        return clock;
    }

    AccountLimits limits() {
        return limits;
    }

    /** Counts one attempt of the session from {@code from}; throws {@code too-many-attempts} over a rate. */
    void attempt(Session session, InetAddress from) {
        if (!perConnection.tryTake("c" + session.id())) {
            throw tooMany("too many attempts", perConnection.wait("c" + session.id()));
        }
        if (!isExempt(from) && !perAddress.tryTake(key(from))) {
            throw tooMany("too many attempts from your address", perAddress.wait(key(from)));
        }
    }

    /** Throws {@code too-many-attempts} while the account may not be tried from {@code from}. */
    void checkGuesses(String account, InetAddress from) {
        Duration wait = max(guesses.wait(guessKey(account, from)), perAccount.wait(Names.fold(account)));
        if (!wait.isZero()) {
            throw tooMany("too many failed attempts", wait);
        }
    }

    void failed(String account, InetAddress from) {
        guesses.failed(guessKey(account, from));
        perAccount.take(Names.fold(account));
    }

    void succeeded(String account, InetAddress from) {
        guesses.succeeded(guessKey(account, from));
    }

    /** Throws {@code too-many-attempts} while {@code from} must wait after wrong tokens (as after wrong passwords). */
    void checkTokens(InetAddress from) {
        Duration wait = guesses.wait(tokenKey(from));
        if (!wait.isZero()) {
            throw tooMany("too many failed attempts", wait);
        }
    }

    void tokenFailed(InetAddress from) {
        guesses.failed(tokenKey(from));
    }

    private static String tokenKey(InetAddress from) {
        return "/resume " + key(from); // a space: no nickname looks like it
    }

    /** Takes one of the address's new accounts for this hour; throws {@code too-many-accounts} when none is left. */
    void reserveAccount(InetAddress from) {
        if (!isExempt(from) && !accountsCreated.tryTake(key(from))) {
            throw new ChatException("too-many-accounts", limits.accountsPerHour()
                    + " accounts were created from your address in the last hour: try again later");
        }
    }

    /** Gives back a reserved account that was not created after all. */
    void refundAccount(InetAddress from) {
        if (!isExempt(from)) {
            accountsCreated.refund(key(from));
        }
    }

    private boolean isExempt(InetAddress from) {
        return from != null && exempt.test(from);
    }

    private static String guessKey(String account, InetAddress from) {
        return Names.fold(account) + " " + key(from);
    }

    /** An address as counted: IPv4 whole, IPv6 by its /64 (one host is given a whole /64). */
    static String key(InetAddress from) {
        if (from == null) {
            return "-";
        }
        if (from instanceof Inet6Address) {
            return "6/" + java.util.HexFormat.of().formatHex(Arrays.copyOf(from.getAddress(), 8));
        }
        return from.getHostAddress();
    }

    private static ChatException tooMany(String what, Duration wait) {
        return new ChatException("too-many-attempts", what + ": try again in "
                + Math.max(1, (wait.toMillis() + 999) / 1000) + " s");
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
