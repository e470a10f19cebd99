package org.causerie.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Passwords in process (docs/security.md, "Passwords"): an Argon2id PHC string with a random salt per
 * hash, checked in constant time; and the pool that runs every hash, with its bounds.
 */
class PasswordsTest {
    private final Passwords passwords = new Passwords(1024, 2); // light, for a test; t=2 as the default (t=1 would equal p=1, hiding a swap)

    @Test
    void aHashIsAnArgon2idPhcStringThatVerifiesOnlyItsPassword() {
        String stored = passwords.hash("correct horse");
        assertThat(stored).matches("\\$argon2id\\$v=19\\$m=1024,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(passwords.verify("correct horse", stored)).isTrue();
        assertThat(passwords.verify("correct horsf", stored)).isFalse();
        assertThat(passwords.verify("correct horse", null)).as("no account: the decoy, never a match").isFalse();
        assertThat(passwords.verify("correct horse", stored.replace("$argon2id$", "$argon2i$"))).as("another scheme").isFalse();
        assertThat(passwords.verify("correct horse", "not a hash at all")).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        String first = passwords.hash("same password");
        String second = passwords.hash("same password");
        assertThat(first.split("\\$")[4]).as("a random salt for each").isNotEqualTo(second.split("\\$")[4]);
        assertThat(first).isNotEqualTo(second);
        assertThat(passwords.verify("same password", first)).isTrue();
        assertThat(passwords.verify("same password", second)).isTrue();
    }

    @Test
    void thePoolTakesOneWorkerAndNoQueueAndRefusesLess() {
        try (var workers = new HashWorkers(passwords, 1, 0)) { // the smallest pool: no queue at all
            assertThat(workers.workers()).isEqualTo(1);
            // One call only: with no queue, a second call can find the one worker still between tasks (busy).
            assertThat(workers.hash("pw")).startsWith("$argon2id$");
        }
        try (var workers = new HashWorkers(passwords, 1, 4)) { // a queue
            String stored = workers.hash("pw");
            assertThat(workers.verify("pw", stored)).isTrue();
            assertThat(workers.verify("pv", stored)).isFalse();
        }
        assertThatThrownBy(() -> new HashWorkers(passwords, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashWorkers(passwords, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultIsHalfTheCoresAndAtLeastOne() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(HashWorkers.defaultWorkers()).isEqualTo(Math.max(1, cores / 2)).isPositive();
    }
}
