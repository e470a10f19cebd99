package org.causerie.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.causerie.Limits;
import org.causerie.ServerConfig;
import org.causerie.TestServer;
import org.causerie.WebConfig;
import org.junit.jupiter.api.Test;

/**
 * The per-address limit sees the real client: the TCP peer, or the address a trusted proxy forwarded;
 * never what an untrusted peer claims. Observed through the limit of one connection per address.
 */
class ClientAddressTest {

    private static TestServer server(List<String> trusted) {
        var limits = Limits.DEFAULTS.toBuilder().connections(1, List.of(), 100).build();
        var server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null).limits(limits)
                .web(WebConfig.httpOnly().withTrustedProxies(trusted)).build());
        server.beforeEach(null);
        return server;
    }

    private static String refusal(Ws ws) {
        var first = ws.next();
        return first.path("type").asText().equals("error") ? first.path("code").asText() : null;
    }

    @Test
    void withNoTrustedProxyForwardedHeadersAreIgnored() {
        var server = server(List.of());
        try (var one = Ws.open(server.server().httpPort(), Map.of("X-Forwarded-For", "203.0.113.1"))) {
            assertThat(refusal(one)).isNull(); // admitted before the second one asks: the order is the test's
            try (var two = Ws.open(server.server().httpPort(), Map.of("X-Forwarded-For", "203.0.113.2"))) {
                assertThat(refusal(two)).as("both come from 127.0.0.1, whatever they say").isEqualTo("too-many-connections");
                assertThat(two.awaitClose()).isEqualTo(1000);
            }
        } finally {
            server.afterEach(null);
        }
    }

    @Test
    void aSocketThatSaysNothingIsClosedAfterTheGuestTimeoutAndOneThatSpeaksIsNot() {
        var limits = Limits.DEFAULTS.toBuilder().guestTimeout(java.time.Duration.ofSeconds(1)).build();
        var server = new TestServer(ServerConfig.builder().store(ServerConfig.MEMORY, null).limits(limits)
                .web(WebConfig.httpOnly()).build());
        server.beforeEach(null);
        try (var silent = Ws.open(server.server().httpPort()); var talker = Ws.open(server.server().httpPort())) {
            talker.expect("welcome");
            talker.send("/ping");
            talker.expect("reply");
            assertThat(silent.awaitClose()).as("closed by the server").isPositive();
            talker.send("/ping");
            assertThat(talker.expect("reply").path("text").asText()).isEqualTo("pong");
        } finally {
            server.afterEach(null);
        }
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        var server = server(List.of("127.0.0.0/8"));
        int port = server.server().httpPort();
        try (var one = Ws.open(port, Map.of("X-Forwarded-For", "203.0.113.1"));
                var two = Ws.open(port, Map.of("X-Forwarded-For", "203.0.113.2"));
                var spoofed = Ws.open(port, Map.of("X-Forwarded-For", "203.0.113.2, 203.0.113.1"));
                var rfc = Ws.open(port, Map.of("Forwarded", "for=\"[2001:db8::7]:4711\";proto=https"))) {
            assertThat(refusal(one)).isNull();
            assertThat(refusal(two)).as("another client behind the proxy").isNull();
            assertThat(refusal(spoofed)).as("the hop the proxy appended counts, not what the client wrote")
                    .isEqualTo("too-many-connections");
            assertThat(refusal(rfc)).isNull();
        } finally {
            server.afterEach(null);
        }
    }
}
