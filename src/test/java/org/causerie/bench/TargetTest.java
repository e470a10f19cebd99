package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void botsBeyondOneSourceAddressesWorthOfPortsConnectFromTheNextLoopbackAddress() throws Exception {
        var target = new Target("127.0.0.1", 7777, 20_000, 1_000);
        assertThat(target.source(0)).as("the kernel chooses").isNull();
        assertThat(target.source(19_999)).isNull();
        assertThat(target.source(20_000).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(target.source(99_999).getHostAddress()).isEqualTo("127.0.0.5");
        assertThatThrownBy(() -> target.source(254 * 20_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
