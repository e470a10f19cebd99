package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.causerie.AccountLimits;
import org.causerie.auth.TestClock;
import org.junit.jupiter.api.Test;

/** Who is slowed by failed logins: the guesser's address, not the owner's; many addresses share a budget. */
class GateTest {
    private final TestClock clock = new TestClock();
    private final Gate gate = new Gate(clock, AccountLimits.DEFAULTS,
            address -> address.getHostAddress().startsWith("10."));

    private static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void aGuesserFromOneAddressIsSlowedWhileTheOwnerFromAnotherGetsIn() {
        InetAddress guesser = address("192.0.2.1");
        InetAddress owner = address("198.51.100.7");
        for (int i = 0; i < 3; i++) {
            gate.checkGuesses("Alice", guesser);
            gate.failed("alice", guesser);
        }
        assertThatThrownBy(() -> gate.checkGuesses("ALICE", guesser))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo("too-many-attempts"))
                .hasMessage("too many failed attempts: try again in 1 s");
        assertThatCode(() -> gate.checkGuesses("alice", owner)).doesNotThrowAnyException();
        assertThatCode(() -> gate.checkGuesses("bob", guesser)).as("per account").doesNotThrowAnyException();
    }

    @Test
    void failuresFromManyAddressesSpendTheAccountsBudget() {
        for (int i = 1; i <= Gate.ACCOUNT_BUDGET; i++) {
            InetAddress one = address("192.0.2." + i);
            gate.checkGuesses("alice", one);
            gate.failed("alice", one);
        }
        InetAddress owner = address("198.51.100.7");
        assertThatThrownBy(() -> gate.checkGuesses("alice", owner)).hasMessageContaining("try again in 60 s");
        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> gate.checkGuesses("alice", owner)).doesNotThrowAnyException();
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        assertThat(Gate.key(address("2001:db8:1:2:aaaa::1"))).isEqualTo(Gate.key(address("2001:db8:1:2:bbbb::2")));
        assertThat(Gate.key(address("2001:db8:1:3::1"))).isNotEqualTo(Gate.key(address("2001:db8:1:2::1")));
    }

    @Test
    void accountsPerAddressAreCappedPerHourButNotForExemptNetworks() {
        InetAddress one = address("192.0.2.1");
        for (int i = 0; i < AccountLimits.DEFAULTS.accountsPerHour(); i++) {
            gate.reserveAccount(one);
        }
        assertThatThrownBy(() -> gate.reserveAccount(one)).hasMessageStartingWith("5 accounts were created");
        gate.refundAccount(one);
        gate.reserveAccount(one);
        clock.advance(Duration.ofHours(1));
        gate.reserveAccount(one);
        InetAddress classroom = address("10.1.2.3");
        for (int i = 0; i < 50; i++) {
            gate.reserveAccount(classroom);
        }
    }
}
