package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.causerie.Limits;
import org.junit.jupiter.api.Test;

/**
 * The options every accepted socket gets, read back from a real socket: TCP_NODELAY, no read
 * timeout, and the keepalive probes that find half-open peers (a peer that vanished without FIN or RST
 * cannot be made on loopback without a firewall, so this checks the mechanism is armed).
 */
class SocketOptionsTest {
    @Test
    void acceptedSocketsAreArmedAgainstSilenceAndVanishedPeers() throws Exception {
        var policy = Limits.builder().floodGrace(Duration.ofSeconds(20))
                .guestTimeout(Duration.ofSeconds(90))
                .keepAliveIdle(Duration.ofSeconds(75)).build();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                var accepted = server.accept()) {
            Connection.configure(accepted, policy);
            assertThat(accepted.getTcpNoDelay()).isTrue();
            // The guest timeout is a deadline on the first whole line (LimitsTest.Silence), not a
            // per-read timeout that every trickled byte would re-arm.
            assertThat(accepted.getSoTimeout()).isZero();
            assertThat(accepted.getKeepAlive()).isTrue();
            assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(75);
            assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(15);
            assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(4);
        }
    }

    @Test
    void withoutLimitsThereIsNoGuestTimeoutButKeepaliveStays() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                var accepted = server.accept()) {
            Connection.configure(accepted, Limits.NONE);
            assertThat(accepted.getSoTimeout()).isZero();
            assertThat(accepted.getKeepAlive()).isTrue();
        }
    }
}
