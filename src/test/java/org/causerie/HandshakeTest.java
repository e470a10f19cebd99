package org.causerie;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.causerie.net.TestTls;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TLS door's handshakes (issue 13, item 2; the TLS part of item 7): each connection counts against
 * its address from accept, before its handshake; the whole handshake has one deadline, however its
 * bytes trickle; the handshakes in progress are capped; renegotiation from a client is refused; and TLS
 * 1.2 offers AEAD suites only. A normal client is served meanwhile.
 */
class HandshakeTest {
    private static final TlsConfig SELF_SIGNED = new TlsConfig(0, null, null, true);

    private static SSLSocket tls12(int port, String... suites) throws Exception {
        var socket = (SSLSocket) TestTls.trustingAll().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        if (suites.length > 0) {
            socket.setEnabledCipherSuites(suites);
        }
        socket.setSoTimeout((int) Wire.TIMEOUT.toMillis());
        return socket;
    }

    @Nested
    class Deadline {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED).limits(Limits.builder()
                .arrivals(Arrivals.DEFAULTS.withHandshake(Duration.ofSeconds(1), 1_000)).build()).build());

        /**
         * A ClientHello sent one byte every 200 ms would take a minute: with a per-read timeout it was
         * never cut. The whole handshake has one deadline (1 s here).
         */
        @Test
        void aTricklingClientHelloIsCutAtTheWholeHandshakeDeadline() throws Exception {
            byte[] hello = TestTls.clientHello();
            assertThat(hello.length).as("enough bytes to outlast the deadline many times").isGreaterThan(50);
            try (Socket slow = Wire.rawSocket(server.server().tlsPort())) {
                long start = System.nanoTime();
                boolean cut = false;
                for (int i = 0; i < hello.length && !cut; i++) {
                    try {
                        slow.getOutputStream().write(hello[i]);
                        slow.getOutputStream().flush();
                    } catch (IOException e) {
                        cut = true;
                        break;
                    }
                    slow.setSoTimeout(200); // the trickle's pace: a read that times out means still open
                    cut = Wire.closedByServer(slow);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(cut).as("cut before the ClientHello was whole").isTrue();
                assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(5));
            }
            try (Wire normal = server.connect()) { // the plain door never noticed
                assertThat(normal.ask("/echo still here")).isEqualTo("= still here");
            }
        }
    }

    @Nested
    class FromAccept {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED)
                .limits(Limits.builder().connections(3, List.of(), 100).build()).build());

        /**
         * Connections that have not finished (not even begun) their handshake count against their address:
         * three silent ones on the TLS port fill the quota, for both doors.
         */
        @Test
        void connectionsInTheirHandshakeCountAgainstTheAddress() throws Exception {
            var silent = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 3; i++) {
                    silent.add(Wire.rawSocket(server.server().tlsPort()));
                }
                // The TLS door accepts on its own thread: until it has taken the three, a plain connection
                // may still come in (and is closed again here). Then a fourth is refused, on either door.
                String refusal = "! too-many-connections: too many connections from your address (3)";
                org.awaitility.Awaitility.await().atMost(Wire.TIMEOUT).until(() -> {
                    try (Wire fourth = Wire.connect(server.port())) {
                        return fourth.next().equals(refusal);
                    }
                });
                try (Socket fourthTls = Wire.rawSocket(server.server().tlsPort())) {
                    fourthTls.setSoTimeout(5_000); // the handshake deadline is 10 s: refused before, at accept
                    assertThat(Wire.closedByServer(fourthTls)).isTrue();
                }
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
        }
    }

    @Nested
    class Cap {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED).limits(Limits.builder()
                .arrivals(Arrivals.DEFAULTS.withHandshake(Duration.ofSeconds(20), 2)).build()).build());

        @Test
        void handshakesInProgressAreCappedInAll() throws Exception {
            try (Socket first = Wire.rawSocket(server.server().tlsPort()); Socket second = Wire.rawSocket(server.server().tlsPort())) {
                first.getOutputStream().write(0x16); // a handshake begun, and left there
                second.getOutputStream().write(0x16);
                // The server takes their places on their own threads, a moment after accepting them.
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> server.server().admission().handshaking() == 2);
                try (Socket third = Wire.rawSocket(server.server().tlsPort())) {
                    third.setSoTimeout(10_000); // well before the 20 s deadline of the two others
                    assertThat(Wire.closedByServer(third)).as("a third handshake is refused at once").isTrue();
                }
                first.setSoTimeout(200);
                assertThat(Wire.closedByServer(first)).as("the two in progress go on").isFalse();
                try (Wire normal = server.connect()) {
                    assertThat(normal.ask("/ping")).isEqualTo("= pong");
                }
            }
            // Once they are gone, a TLS client is served again: the server frees their places when it reads
            // their end, which comes a moment after the close here, so a first try may still find them taken.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions().untilAsserted(() -> {
                        try (SSLSocket client = tls12(server.server().tlsPort())) {
                            assertThat(readLine(client.getInputStream())).startsWith("- welcome");
                        }
                    });
        }
    }

    @Nested
    class Protocol {
        @RegisterExtension
        final TestServer server = new TestServer(ServerConfig.builder().tls(SELF_SIGNED).build());

        /** The self-signed key is EC: a CBC suite for it is refused, the GCM one is served. */
        @Test
        void tls12OffersAeadSuitesOnly() throws Exception {
            try (SSLSocket cbc = tls12(server.server().tlsPort(), "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")) {
                assertThatThrownBy(cbc::startHandshake).isInstanceOf(SSLException.class);
            }
            try (SSLSocket cbc = tls12(server.server().tlsPort(), "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")) {
                assertThatThrownBy(cbc::startHandshake).isInstanceOf(SSLException.class);
            }
            try (SSLSocket gcm = tls12(server.server().tlsPort(), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
                gcm.startHandshake();
                assertThat(gcm.getSession().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(readLine(gcm.getInputStream())).startsWith("- welcome");
            }
        }

        /** A TLS 1.2 client that asks for a new handshake on its connection is cut, not served twice. */
        @Test
        void clientInitiatedRenegotiationIsRefused() throws Exception {
            try (SSLSocket client = tls12(server.server().tlsPort())) {
                assertThat(readLine(client.getInputStream())).startsWith("- welcome");
                client.startHandshake(); // a renegotiation: a new ClientHello on the established connection
                List<String> after = new ArrayList<>();
                try {
                    client.getOutputStream().write("/ping\n".getBytes(UTF_8));
                    client.getOutputStream().flush();
                    for (String line; (line = readLine(client.getInputStream())) != null; ) {
                        after.add(line);
                    }
                } catch (IOException refused) {
                    after.add("refused: " + refused.getMessage());
                }
                assertThat(after).as("no answer once renegotiation was asked").doesNotContain("= pong");
            }
            try (Wire normal = server.connect()) {
                assertThat(normal.ask("/ping")).isEqualTo("= pong");
            }
        }
    }

    /** One line (without its LF), or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        var line = new java.io.ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                return line.toString(UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(UTF_8);
    }
}
