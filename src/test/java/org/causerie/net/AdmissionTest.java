package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.causerie.Arrivals;
import org.junit.jupiter.api.Test;

/** The admission's rules, without sockets: counts per source (an IPv6 /64 is one), the rate of new ones. */
class AdmissionTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private static final Arrivals UNLIMITED_RATE = Arrivals.DEFAULTS.withConnectRate(Integer.MAX_VALUE, 1e9);

    private Admission admission(int perAddress, int total, Arrivals arrivals, String... exempt) {
        return new Admission(perAddress, total, List.of(exempt), arrivals, now::get);
    }

    private static InetAddress at(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void anIpv6NetworkOfSizeSlash64CountsAsOneSource() {
        var admission = admission(2, 100, UNLIMITED_RATE);
        assertThat(admission.admit(at("2001:db8:1:2::1"), "line")).isNull();
        assertThat(admission.admit(at("2001:db8:1:2:ffff:ffff:ffff:ffff"), "line")).isNull();
        assertThat(admission.admit(at("2001:db8:1:2:abcd::9"), "line")).extracting(Admission.Refusal::code)
                .isEqualTo("too-many-connections");
        // The next /64 is another subscriber.
        assertThat(admission.admit(at("2001:db8:1:3::1"), "line")).isNull();
        // Giving one back lets the first /64 in again.
        admission.release(at("2001:db8:1:2::77"));
        assertThat(admission.admit(at("2001:db8:1:2::5"), "line")).isNull();
    }

    @Test
    void ipv4AddressesAreSourcesOfTheirOwn() {
        var admission = admission(1, 100, UNLIMITED_RATE);
        assertThat(admission.admit(at("192.0.2.1"), "line")).isNull();
        assertThat(admission.admit(at("192.0.2.2"), "line")).isNull();
        assertThat(admission.admit(at("192.0.2.1"), "line")).isNotNull();
        assertThat(Admission.source(at("::ffff:192.0.2.1"))).isEqualTo(at("192.0.2.1"));
    }

    @Test
    void newConnectionsFromOneSourceAreRateLimitedAndToldWhen() {
        var admission = admission(100, 100, Arrivals.DEFAULTS.withConnectRate(3, 2));
        InetAddress storm = at("198.51.100.7");
        for (int i = 0; i < 3; i++) {
            assertThat(admission.admit(storm, "line")).isNull();
            admission.release(storm); // a storm: connect, go, connect again
        }
        Admission.Refusal refused = admission.admit(storm, "line");
        assertThat(refused.code()).isEqualTo("connecting-too-fast");
        assertThat(refused.text()).isEqualTo(
                "too many new connections from your address (3 at once, then 2 a second); try again in 1 s");
        assertThat(admission.admit(at("198.51.100.8"), "line")).as("another address is not slowed").isNull();
        assertThat(admission.connections()).as("a refusal keeps no count").isEqualTo(1);

        now.addAndGet(Duration.ofMillis(500).toNanos()); // one token back at 2 a second
        assertThat(admission.admit(storm, "line")).isNull();
        assertThat(admission.admit(storm, "line")).isNotNull();
    }

    @Test
    void exemptNetworksSkipThePerSourceRulesButNotTheTotal() {
        var admission = admission(1, 3, Arrivals.DEFAULTS.withConnectRate(1, 0.001), "10.0.0.0/8");
        assertThat(admission.admit(at("10.1.2.3"), "line")).isNull();
        assertThat(admission.admit(at("10.1.2.3"), "line")).isNull();
        assertThat(admission.admit(at("10.1.2.3"), "line")).isNull();
        assertThat(admission.admit(at("10.1.2.3"), "line").text()).startsWith("the server is full (3 connections)");
    }

    @Test
    void handshakesInProgressAreCapped() {
        var admission = admission(10, 10, Arrivals.DEFAULTS.withHandshake(Duration.ofSeconds(1), 2));
        InetAddress address = at("203.0.113.1");
        assertThat(admission.startHandshake(address, "line-tls")).isTrue();
        assertThat(admission.startHandshake(address, "line-tls")).isTrue();
        assertThat(admission.startHandshake(address, "line-tls")).isFalse();
        admission.endHandshake();
        assertThat(admission.startHandshake(address, "line-tls")).isTrue();
    }

    @Test
    void aFloodOfRefusalsIsLoggedOncePerSourceAndInterval() {
        var admission = admission(1, 100, UNLIMITED_RATE);
        InetAddress flood = at("192.0.2.99");
        try (var log = CapturedLog.of(org.causerie.audit.Audit.LOGGER)) {
            assertThat(admission.admit(flood, "line")).isNull();
            for (int i = 0; i < 50; i++) {
                assertThat(admission.admit(flood, "line")).isNotNull();
            }
            assertThat(log.messages()).filteredOn(line -> line.startsWith("conn_refused")).containsExactly(
                    "conn_refused address=192.0.2.99 door=line reason=too-many-connections refused_before=0 seconds=10");
            now.addAndGet(Refusals.INTERVAL.toNanos());
            assertThat(admission.admit(flood, "line")).isNotNull();
            assertThat(log.messages()).filteredOn(line -> line.startsWith("conn_refused")).last().isEqualTo(
                    "conn_refused address=192.0.2.99 door=line reason=too-many-connections refused_before=49 seconds=10");
        }
    }
}
