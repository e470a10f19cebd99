package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --host}, repeated and comma-separated, with and without ports, IPv6 included. */
class HostsTest {
    @Test
    void repeatedAndCommaSeparatedHostsKeepTheirOrderAndTakeTheDefaultPort() {
        var hosts = Hosts.parse(List.of("a.example, b.example:7001", "127.0.0.1", "[::1]:7002", "::1", "[2001:db8::1]"), 7777);
        assertThat(hosts.addresses()).containsExactly(new Address("a.example", 7777), new Address("b.example", 7001),
                new Address("127.0.0.1", 7777), new Address("::1", 7002), new Address("::1", 7777),
                new Address("2001:db8::1", 7777));
        assertThat(hosts.get(6)).isEqualTo(hosts.first()); // counted round the list
        assertThat(hosts.get(-1)).isEqualTo(new Address("2001:db8::1", 7777));
    }

    @Test
    void badHostsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Hosts.parse(List.of("a,,b"), 7777)).hasMessage("an empty host in --host");
        assertThatThrownBy(() -> Hosts.parse(List.of("a:x"), 7777)).hasMessage("--host a:x: the port must be a number");
        assertThatThrownBy(() -> Hosts.parse(List.of("a:0"), 7777)).hasMessageContaining("port must be between 1 and 65535");
        assertThatThrownBy(() -> Hosts.parse(List.of("[::1"), 7777)).hasMessage("a [ without ] in --host [::1");
        assertThatThrownBy(() -> Hosts.parse(List.of(), 7777)).hasMessage("at least one host is needed");
    }
}
