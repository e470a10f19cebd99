package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.causerie.audit.Audit;
import org.causerie.net.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, behind a load balancer: the TCP doors take a PROXY header (v1, v2) from a {@code --trusted-proxy}
 * peer, and the client it names is the one counted (per-address limit), banned and logged. A header from
 * any other peer, a malformed or cut one, or none within the handshake deadline closes the connection
 * with an audit line. The balancer here is 127.0.0.10; other loopback addresses are ordinary clients.
 */
class ProxyProtocolTest {
    private static final String BALANCER = "127.0.0.10";
    private TestServer server;
    private CapturedLog audit;

    @BeforeEach
    void start() {
        var limits = Limits.DEFAULTS.toBuilder().connections(1, List.of(), 100)
                .arrivals(Arrivals.DEFAULTS.withHandshake(Duration.ofSeconds(1), 1_000)).build();
        server = new TestServer(ServerConfig.builder().limits(limits)
                .irc(new IrcConfig(0, "irc.test"))
                .web(WebConfig.OFF.withTrustedProxies(List.of(BALANCER + "/32"))).build());
        server.beforeEach(null);
        audit = CapturedLog.of(Audit.LOGGER);
    }

    @AfterEach
    void stop() {
        audit.close();
        server.afterEach(null);
    }

    static byte[] v1(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 header: PROXY (command 1) or LOCAL (0), STREAM over INET (4 bytes) or INET6 (16). */
    static byte[] v2(int command, InetAddress source, int sourcePort, InetAddress target, int targetPort) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        out.write(0x20 | command);
        if (source == null) {
            out.write(0x00);
            out.write(0);
            out.write(0);
            return out.toByteArray();
        }
        int size = source.getAddress().length;
        out.write((size == 4 ? 0x10 : 0x20) | 0x01);
        var rest = ByteBuffer.allocate(2 * size + 4 + 7);
        rest.put(source.getAddress()).put(target.getAddress()).putShort((short) sourcePort)
                .putShort((short) targetPort);
        rest.put(new byte[] {0x04, 0x00, 0x04, 'n', 'o', 'o', 'p'}); // a TLV (PP2_TYPE_NOOP), to be skipped
        out.write(rest.capacity() >> 8);
        out.write(rest.capacity() & 0xff);
        out.writeBytes(rest.array());
        return out.toByteArray();
    }

    private Wire viaBalancer(int port, byte[] header) {
        Wire wire = Wire.connectFrom(BALANCER, port);
        wire.sendRaw(header);
        return wire;
    }

    private void awaitAudit(String... parts) {
        await().atMost(Wire.TIMEOUT).until(() -> audit.contains(parts));
    }

    @Test
    void aV1HeaderNamesTheClientThatTheLimitCountsAndTheLogShows() {
        try (Wire one = viaBalancer(server.port(), v1("PROXY TCP4 203.0.113.7 10.0.0.1 51000 7777"))) {
            assertThat(one.next()).startsWith("- welcome"); // counted before the next one comes
            try (Wire again = viaBalancer(server.port(), v1("PROXY TCP4 203.0.113.7 10.0.0.1 51001 7777"));
                    Wire other = viaBalancer(server.port(), v1("PROXY TCP4 203.0.113.8 10.0.0.1 51002 7777"))) {
                assertThat(again.next()).as("the same client, one connection allowed per address")
                        .startsWith("! too-many-connections");
                assertThat(other.next()).as("another client behind the same balancer").startsWith("- welcome");
            }
            one.send("/ping").expect("= pong");
            awaitAudit("conn_open address=203.0.113.7", "door=line");
            assertThat(audit.messages()).noneMatch(line -> line.contains("conn_open address=" + BALANCER));
        }
    }

    @Test
    void aV1Tcp6HeaderAndTheIrcDoor() {
        try (Wire irc = viaBalancer(server.server().ircPort(),
                v1("PROXY TCP6 2001:db8::7 2001:db8::1 51000 6667"))) {
            irc.send("NICK ann").send("USER ann 0 * :Ann");
            irc.expect(line -> line.startsWith(":irc.test 001 ann "));
            awaitAudit("conn_open address=2001:db8:0:0:0:0:0:7", "door=irc");
        }
    }

    @Test
    void v2HeadersForTcp4AndTcp6AndLocal() throws Exception {
        var target = InetAddress.ofLiteral("10.0.0.1");
        var target6 = InetAddress.ofLiteral("2001:db8::1");
        try (Wire four = viaBalancer(server.port(), v2(1, InetAddress.ofLiteral("198.51.100.4"), 40000, target, 7777));
                Wire six = viaBalancer(server.port(), v2(1, InetAddress.ofLiteral("2001:db8:1::6"), 40001, target6, 7777));
                Wire check = viaBalancer(server.port(), v2(0, null, 0, null, 0))) {
            assertThat(four.next()).startsWith("- welcome");
            assertThat(six.next()).startsWith("- welcome");
            assertThat(check.next()).as("LOCAL: the balancer's own connection").startsWith("- welcome");
            four.send("/ping").expect("= pong");
            awaitAudit("conn_open address=198.51.100.4");
            awaitAudit("conn_open address=2001:db8:1:0:0:0:0:6");
            awaitAudit("conn_open address=" + BALANCER);
            try (Wire secondCheck = viaBalancer(server.port(), v2(0, null, 0, null, 0))) {
                assertThat(secondCheck.next()).as("a LOCAL connection counts as the balancer itself")
                        .startsWith("! too-many-connections");
            }
        }
    }

    @Test
    void aBanOnTheRealClientHoldsBehindTheBalancer() {
        try (Wire root = RoomGuardsTest.operator(server);
                Wire troll = viaBalancer(server.port(), v1("PROXY TCP4 203.0.113.66 10.0.0.1 5 7777"))) {
            troll.expect(line -> line.startsWith("- welcome"));
            troll.send("/nick troll").send("/ping").expect("= pong");
            assertThat(root.ask("/serverban troll 1h spam")).startsWith("= banned: network 203.0.113.66/32");
            troll.awaitClose();
        }
        // the troll's count is given back just after its close: until then a new one is refused as a second
        await().atMost(Wire.TIMEOUT).until(() -> firstLine("203.0.113.66").startsWith("! banned"));
        assertThat(firstLine("203.0.113.67")).as("the balancer itself is not banned").startsWith("- welcome");
    }

    /** The first line a client named {@code client} by the balancer gets: the welcome, or a refusal. */
    private String firstLine(String client) {
        try (Wire wire = viaBalancer(server.port(), v1("PROXY TCP4 " + client + " 10.0.0.1 6 7777"))) {
            return wire.next();
        }
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsNeverBelieved() {
        try (Wire liar = Wire.connectFrom("127.0.0.2", server.port())) {
            liar.sendRaw(v1("PROXY TCP4 203.0.113.9 10.0.0.1 51000 7777"));
            liar.awaitEnd();
            awaitAudit("proxy_header_refused address=127.0.0.2", "door=line", "not in --trusted-proxy");
        }
        try (Wire liar = Wire.connectFrom("127.0.0.3", server.server().ircPort())) {
            liar.sendRaw(v2(1, InetAddress.ofLiteral("203.0.113.9"), 1, InetAddress.ofLiteral("10.0.0.1"), 2));
            liar.awaitEnd();
            awaitAudit("proxy_header_refused address=127.0.0.3", "door=irc");
        }
        assertThat(audit.messages()).noneMatch(line -> line.contains("203.0.113.9"));
    }

    @Test
    void aMalformedHeaderClosesTheConnection() {
        try (Wire bad = viaBalancer(server.port(), v1("PROXY TCP4 999.0.113.7 10.0.0.1 51000 7777"))) {
            assertThat(bad.awaitEnd()).noneMatch(line -> line.startsWith("- welcome"));
            awaitAudit("proxy_header_refused address=" + BALANCER, "v1 TCP4 header with a bad address");
        }
        try (Wire plain = viaBalancer(server.port(), "/nick sly\n".getBytes(StandardCharsets.UTF_8))) {
            assertThat(plain.awaitEnd()).noneMatch(line -> line.startsWith("- welcome"));
            awaitAudit("proxy_header_refused address=" + BALANCER, "no PROXY header");
        }
    }

    @Test
    void aTruncatedHeaderClosesTheConnection() throws Exception {
        byte[] whole = v2(1, InetAddress.ofLiteral("198.51.100.4"), 1, InetAddress.ofLiteral("10.0.0.1"), 2);
        try (Wire cut = Wire.connectFrom(BALANCER, server.port())) {
            cut.sendRaw(java.util.Arrays.copyOf(whole, 20));
            cut.socket().shutdownOutput();
            assertThat(cut.awaitEnd()).noneMatch(line -> line.startsWith("- welcome"));
            awaitAudit("proxy_header_refused address=" + BALANCER, "truncated");
        }
    }

    @Test
    void aBalancerThatSendsNoHeaderWithinTheDeadlineIsClosed() {
        try (Wire silent = Wire.connectFrom(BALANCER, server.port())) {
            silent.sendRaw("PROXY TCP4 198".getBytes(StandardCharsets.US_ASCII)); // and no more
            long start = System.nanoTime();
            assertThat(silent.awaitEnd()).noneMatch(line -> line.startsWith("- welcome"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            awaitAudit("proxy_header_refused address=" + BALANCER, "no PROXY header within 1000 ms");
        }
    }
}
