package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** What a server ban names: an IPv4 address alone, an IPv6 address's /64, or a network written in CIDR. */
class NetworkTest {
    @Test
    void anIpv6AddressStandsForItsSlash64() {
        Network banned = Network.parse("2001:db8:1:2::17");
        assertThat(banned.toString()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(banned.contains(InetAddress.ofLiteral("2001:db8:1:2:ffff:1:2:3"))).isTrue();
        assertThat(banned.contains(InetAddress.ofLiteral("2001:db8:1:3::17"))).isFalse();
        assertThat(Network.of(InetAddress.ofLiteral("2001:db8:1:2::99"))).isEqualTo(banned);
    }

    @Test
    void anIpv4AddressIsItselfAndANetworkItsPrefix() {
        assertThat(Network.parse("203.0.113.7").toString()).isEqualTo("203.0.113.7/32");
        Network net = Network.parse("203.0.113.77/24");
        assertThat(net.toString()).isEqualTo("203.0.113.0/24");
        assertThat(net.contains(InetAddress.ofLiteral("203.0.113.200"))).isTrue();
        assertThat(net.contains(InetAddress.ofLiteral("203.0.114.1"))).isFalse();
        assertThat(net.contains(InetAddress.ofLiteral("::1"))).isFalse();
    }

    @Test
    void namesAndNonsenseAreNotNetworks() {
        for (String bad : new String[] {"example.com", "localhost", "1.2.3.4/33", "1.2.3.4/7", "::/0", "1.2.3", "/8", ""}) {
            assertThatThrownBy(() -> Network.parse(bad)).as(bad).isInstanceOf(ChatException.class)
                    .hasMessageContaining("not an address or network");
        }
    }

    @Test
    void aPrefixInsideAByteIsMaskedBitByBitAndNetworksDifferByPrefixAndLength() {
        Network net = Network.parse("198.51.100.77/27");
        assertThat(net.toString()).isEqualTo("198.51.100.64/27");
        assertThat(net.contains(InetAddress.ofLiteral("198.51.100.95"))).isTrue();
        assertThat(net.contains(InetAddress.ofLiteral("198.51.100.96"))).isFalse();
        assertThat(net.contains(InetAddress.ofLiteral("198.51.100.63"))).isFalse();
        assertThat(Network.parse("198.51.100.0/20").toString()).isEqualTo("198.51.96.0/20");
        assertThat(net).isEqualTo(Network.parse("198.51.100.64/27")).hasSameHashCodeAs(Network.parse("198.51.100.70/27"));
        assertThat(net).isNotEqualTo(Network.parse("198.51.100.64/26")).isNotEqualTo(Network.parse("198.51.100.96/27"));
    }

    @Test
    void prefixesFrom8BitsToTheWholeAddressAreAccepted() {
        assertThat(Network.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(Network.parse("10.1.2.3/32").toString()).isEqualTo("10.1.2.3/32");
        assertThat(Network.parse("2001:db8::1/128").toString()).endsWith("/128");
        for (String bad : new String[] {"10.0.0.0/7", "10.0.0.0/33", "2001:db8::/129"}) {
            assertThatThrownBy(() -> Network.parse(bad)).as(bad).isInstanceOf(ChatException.class);
        }
    }
}
