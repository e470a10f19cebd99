package org.causerie;

import java.time.Duration;
import org.causerie.auth.HashWorkers;

/**
 * What accounts may cost the server: password hashing, login attempts, new accounts and how long a
 * session token lasts. Part of {@link Limits} ({@link Limits.Builder#accounts}). Networks exempt from
 * the per-address connection limit ({@code --exempt}) are exempt from the per-address limits here too.
 *
 * @param hashWorkers         threads that hash passwords, for the whole server (fewer than the cores)
 * @param hashQueue           hashes that may wait for a worker; one more is refused with {@code busy}
 * @param attemptBurst        logins, registrations, password changes and resumes one address may try at once
 * @param attemptsPerSecond   then how many a second, steadily
 * @param accountsPerHour     accounts one address may create in any hour
 * @param tokenLifetime       how long a session token ({@code /token}) stays valid
 */
public record AccountLimits(int hashWorkers, int hashQueue, int attemptBurst, double attemptsPerSecond,
        int accountsPerHour, Duration tokenLifetime) {

    public static final AccountLimits DEFAULTS = new AccountLimits(HashWorkers.defaultWorkers(), 16, 20, 1, 5,
            Duration.ofDays(30));

    /** For benchmarks and load tests: no per-address limit, a long queue; the workers stay bounded. */
    public static final AccountLimits NONE = new AccountLimits(HashWorkers.defaultWorkers(), 100_000,
            Integer.MAX_VALUE, Double.POSITIVE_INFINITY, Integer.MAX_VALUE, Duration.ofDays(30));

    public AccountLimits {
        if (hashWorkers < 1 || hashQueue < 0 || attemptBurst < 1 || !(attemptsPerSecond > 0) || accountsPerHour < 1
                || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("account limits must be positive");
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public static final class Builder {
        private int hashWorkers;
        private int hashQueue;
        private int attemptBurst;
        private double attemptsPerSecond;
        private int accountsPerHour;
        private Duration tokenLifetime;

        private Builder(AccountLimits l) {
            hashWorkers = l.hashWorkers;
            hashQueue = l.hashQueue;
            attemptBurst = l.attemptBurst;
            attemptsPerSecond = l.attemptsPerSecond;
            accountsPerHour = l.accountsPerHour;
            tokenLifetime = l.tokenLifetime;
        }

        public Builder hashing(int workers, int queue) {
            this.hashWorkers = workers;
            this.hashQueue = queue;
            return this;
        }

        public Builder attempts(int burst, double perSecond) {
            this.attemptBurst = burst;
            this.attemptsPerSecond = perSecond;
            return this;
        }

        public Builder accountsPerHour(int perHour) {
            this.accountsPerHour = perHour;
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public AccountLimits build() {
            return new AccountLimits(hashWorkers, hashQueue, attemptBurst, attemptsPerSecond, accountsPerHour,
                    tokenLifetime);
        }
    }
}
