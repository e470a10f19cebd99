package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.causerie.audit.Audit;
import org.causerie.net.CapturedLog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What logins and registrations may cost the server, over the wire: hashing is bounded by the pool (a
 * flood is answered {@code busy}, chat goes on), failures slow the guesser's address and not the owner's,
 * and one address creates a bounded number of accounts an hour.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoginLimitsTest {

    @Nested
    class Lockout {
        /** Addresses of this test alone: the audit log limits each address's lines per 10 s, JVM-wide. */
        static final String GUESSER = "127.0.0.31";
        static final String OWNER = "127.0.0.32";

        @RegisterExtension
        final TestServer server = new TestServer();

        @Test
        void aGuesserOnFreshConnectionsIsSlowedWhileTheOwnerFromAnotherAddressGetsIn() {
            try (var audit = CapturedLog.of(Audit.LOGGER)) {
                guessWhileTheOwnerGetsIn();
                assertThat(audit.contains("account_registered address=127.0.0.32 account=owner")).isTrue();
                assertThat(audit.contains("login_failed address=127.0.0.31 name=owner reason=bad-login")).isTrue();
                assertThat(audit.contains("login_failed address=127.0.0.31 name=owner reason=too-many-attempts"))
                        .isTrue();
                assertThat(audit.contains("login address=127.0.0.32 account=owner")).isTrue();
                assertThat(audit.messages()).noneMatch(line -> line.contains("correct-horse") || line.contains("wrong-"));
            }
        }

        private void guessWhileTheOwnerGetsIn() {
            try (Wire owner = Wire.greetedFrom(OWNER, server.port())) {
                owner.send("/nick owner").expect("* #general: guest-1 is now owner");
                owner.send("/register correct-horse").expect("= registered owner; you are logged in");
                owner.send("/logout").expect("= logged out; you are guest-1");
            }
            for (int guess = 1; guess <= 3; guess++) { // a new connection per guess, as the attack did
                try (Wire guesser = Wire.greetedFrom(GUESSER, server.port())) {
                    guesser.send("/login owner wrong-" + guess).expect("! bad-login: wrong nickname or password");
                }
            }
            try (Wire guesser = Wire.greetedFrom(GUESSER, server.port())) {
                // the 4th attempt from that address waits, even with the right password
                guesser.send("/login owner correct-horse")
                        .expect("! too-many-attempts: too many failed attempts: try again in 1 s");
            }
            try (Wire owner = Wire.greetedFrom(OWNER, server.port())) {
                owner.send("/login owner correct-horse").expect("= you are logged in as owner");
            }
        }
    }

    @Nested
    class Registrations {
        @RegisterExtension
        final TestServer server = new TestServer();

        @Test
        void aNickAndRegisterLoopFromOneAddressStopsAtTheHourlyCap() {
            int cap = AccountLimits.DEFAULTS.accountsPerHour();
            for (int i = 1; i <= cap; i++) {
                String name = "bot" + i;
                try (Wire bot = server.connect()) {
                    bot.send("/nick " + name).expect(line -> line.endsWith(" is now " + name));
                    bot.send("/register password-" + i).expect("= registered " + name + "; you are logged in");
                }
            }
            try (Wire bot = server.connect()) {
                bot.send("/nick bot99").expect(line -> line.endsWith(" is now bot99"));
                bot.send("/register password-99").expect("! too-many-accounts: " + cap
                        + " accounts were created from your address in the last hour: try again later");
                bot.send("/ping").expect("= pong");
            }
            try (Wire other = Wire.greetedFrom("127.0.0.3", server.port())) { // another address has its own
                other.send("/nick someone").expect(line -> line.endsWith(" is now someone"));
                other.send("/register password-1").expect("= registered someone; you are logged in");
            }
        }

        @Test
        void attemptsFromOneAddressAreRateLimitedAcrossConnections() {
            int burst = AccountLimits.DEFAULTS.attemptBurst();
            int refusedAt = -1;
            // A new connection and a new name each time; the bucket refills by one a second meanwhile.
            for (int i = 0; i < 3 * burst && refusedAt < 0; i++) {
                try (Wire bot = server.connect()) {
                    String answer = bot.send("/login nobody" + i + " whatever-pw").expect(line -> line.startsWith("! "));
                    if (answer.startsWith("! too-many-attempts: too many attempts from your address: try again in ")) {
                        refusedAt = i;
                    } else {
                        assertThat(answer).isEqualTo("! bad-login: wrong nickname or password");
                    }
                }
            }
            assertThat(refusedAt).as("the first refusal").isGreaterThanOrEqualTo(burst);
            try (Wire other = Wire.greetedFrom("127.0.0.4", server.port())) {
                other.send("/login nobody-else whatever-pw").expect("! bad-login: wrong nickname or password");
            }
        }
    }

    @Nested
    class Hashing {
        static final int ATTACKERS = 30;

        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().limits(Limits.builder()
                .connections(1_000, List.of("127.0.0.0/8"), 20_000) // every attacker passes the per-address limits
                .accounts(AccountLimits.builder().hashing(1, 2).build()).build()).build());

        @Test
        void aLoginFloodRunsOneHashAtATimeIsToldBusyAndChatGoesOn() {
            try (Wire user = server.connect()) {
                var attackers = new ArrayList<Wire>();
                try {
                    for (int i = 0; i < ATTACKERS; i++) {
                        attackers.add(server.connect());
                    }
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < ATTACKERS; i++) {
                            attackers.get(i).send("/login nobody-" + i + "-" + round + " whatever-pw");
                        }
                    }
                    long start = System.nanoTime();
                    user.send("/ping").expect("= pong");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5)); // generous: the machine is shared
                    int busy = 0;
                    int checked = 0;
                    for (Wire attacker : attackers) {
                        for (int round = 0; round < 3; round++) {
                            String answer = attacker.expect(line -> line.startsWith("! "));
                            if (answer.startsWith("! busy: ")) {
                                busy++;
                            } else {
                                assertThat(answer).isEqualTo("! bad-login: wrong nickname or password");
                                checked++;
                            }
                        }
                    }
                    assertThat(busy).as("attackers told busy").isPositive();
                    assertThat(checked).as("some attempts were checked").isPositive();
                    assertThat(server.server().hashing().peak()).as("hashes at once").isEqualTo(1);
                } finally {
                    attackers.forEach(Wire::close);
                }
            }
        }
    }
}
