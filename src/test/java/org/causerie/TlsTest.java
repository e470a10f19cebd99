package org.causerie;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.causerie.client.Address;
import org.causerie.client.Client;
import org.causerie.client.ClientOptions;
import org.causerie.client.ServerLink;
import org.causerie.client.TlsTrust;
import org.causerie.net.CapturedLog;
import org.causerie.net.SelfSigned;
import org.causerie.net.TestCa;
import org.causerie.net.TestTls;
import org.causerie.audit.Audit;
import org.causerie.net.TlsLines;
import org.causerie.net.TlsSetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS door: the same line protocol over TLS, with the self-signed pair or a certificate from a CA,
 * checked by the causerie client; and what happens to clients at the wrong door.
 */
class TlsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().tls(new TlsConfig(0, null, null, true)).build());

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Address tlsAddress() {
        return new Address("127.0.0.1", server.server().tlsPort());
    }

    /** What a user of the self-signed server does: trust its certificate file, as with --tls-ca. */
    private TlsTrust selfSigned() throws IOException {
        return TlsTrust.verifying(SelfSigned.certificateFile(server.dataDir()));
    }

    /** Runs the client in pipe mode, as {@code causerie client} in a pipe; returns its exit status. */
    private int run(ClientOptions options, String input) {
        return assertTimeoutPreemptively(DEADLINE, () -> Client.run(options, false,
                new ByteArrayInputStream(input.getBytes(UTF_8)), out, new PrintStream(err, true, UTF_8)));
    }

    @Test
    void theLineProtocolWorksOverTlsWithTheSelfSignedPair() throws Exception {
        int status = run(ClientOptions.of(tlsAddress()).withTls(selfSigned()), "/ping\nfin\n");

        assertThat(status).isZero();
        assertThat(out.toString(UTF_8).lines()).first().asString().startsWith("- welcome to causerie");
        assertThat(out.toString(UTF_8).lines()).contains("= pong");
        assertThat(err.size()).isZero();
    }

    @Test
    void tlsAndPlainClientsShareTheRooms() throws Exception {
        try (var tls = TlsLines.open(tlsAddress(), selfSigned()); Wire plain = server.connect()) {
            tls.expect(line -> line.startsWith("- welcome"));
            tls.send("/ping");
            tls.expect("= pong");
            tls.send("/nick tess");
            plain.expect(line -> line.endsWith(" is now tess"));
            plain.send("/nick pat");
            tls.expect(line -> line.endsWith(" is now pat"));

            tls.send("hello from TLS");
            plain.send("hello from plain text");

            plain.expect("#general <tess> hello from TLS");
            tls.expect("#general <pat> hello from plain text");
            assertThat(server.server().sessions()).isEqualTo(2);
        }
    }

    @Test
    void aCertificateFromACaIsCheckedAgainstTlsCaAndTheHostName() throws Exception {
        var files = TestCa.create().issue("localhost", "127.0.0.1").write(dir);
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir)
                .tls(new TlsConfig(0, files.chain(), files.key(), false)).build();
        try (var caServer = ChatServer.create(config).start()) {
            int port = caServer.tlsPort();
            for (String host : List.of("127.0.0.1", "localhost")) {
                out.reset();
                var options = ClientOptions.of(new Address(host, port)).withTls(TlsTrust.verifying(files.ca()));

                assertThat(run(options, "/ping\nfin\n")).isZero();
                assertThat(out.toString(UTF_8).lines()).contains("= pong");
            }
            assertThat(err.size()).isZero();

            // The same server without --tls-ca: the system's authorities do not know this CA.
            out.reset();
            int status = run(ClientOptions.of(new Address("127.0.0.1", port)).withTls(TlsTrust.verifying(null)),
                    "/ping\n");

            assertThat(status).isEqualTo(1);
            assertThat(out.size()).isZero();
            assertThat(err.toString(UTF_8)).isEqualTo("cannot reach 127.0.0.1:" + port + ": tls: the server's"
                    + " certificate is not trusted (give its CA with --tls-ca FILE; --tls-insecure skips the check,"
                    + " for trials)" + System.lineSeparator());
            await().atMost(DEADLINE).until(() -> caServer.sessions() == 0);
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefusedEvenFromATrustedCa() throws Exception {
        var files = TestCa.create().issue("chat.example.org").write(dir);
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir)
                .tls(new TlsConfig(0, files.chain(), files.key(), false)).build();
        try (var caServer = ChatServer.create(config).start()) {
            var retrying = new ClientOptions(new Address("127.0.0.1", caServer.tlsPort()), null, true, false,
                    ClientOptions.DEFAULT_LINGER, null, TlsTrust.verifying(files.ca()));

            assertThat(run(retrying, "/ping\n")).as("no retry: trying again would not help").isEqualTo(1);
            assertThat(err.toString(UTF_8).strip()).startsWith("cannot reach 127.0.0.1:" + caServer.tlsPort()
                    + ": tls: the server's certificate is not for this host name (").doesNotContain("\n");
        }
    }

    @Test
    void insecureTrustsAnyCertificateAndSaysSo() throws Exception {
        int status = run(ClientOptions.of(tlsAddress()).withTls(TlsTrust.insecure()), "/ping\nfin\n");

        assertThat(status).isZero();
        assertThat(out.toString(UTF_8).lines()).contains("= pong");
        assertThat(err.toString(UTF_8).lines()).singleElement().asString()
                .startsWith("warning: --tls-insecure: the server's certificate is not checked");
    }

    @Test
    void aPlainTextClientOnTheTlsPortIsDroppedAndNothingElseNotices() throws Exception {
        try (var logs = CapturedLog.of(Audit.LOGGER); Wire plain = server.connect();
                var tls = TlsLines.open(tlsAddress(), selfSigned())) {
            tls.expect(line -> line.startsWith("- welcome"));

            try (var intruder = new Socket()) {
                // From an address of its own: the audit log's per-address window is not filled by the others.
                intruder.bind(new InetSocketAddress("127.0.0.2", 0));
                intruder.connect(new InetSocketAddress("127.0.0.1", tlsAddress().port()));
                intruder.setSoTimeout((int) DEADLINE.toMillis());
                intruder.getOutputStream().write("/ping\n".getBytes(UTF_8));
                byte[] answer = TestTls.readToEnd(intruder);
                assertThat(new String(answer, UTF_8)).doesNotContain("welcome", "pong");
            }

            await().atMost(DEADLINE).until(() -> logs.contains("tls_handshake_failed", "not TLS"));
            assertThat(server.server().sessions()).isEqualTo(2);
            assertThat(plain.ask("/ping")).isEqualTo("= pong");
            tls.send("/ping");
            tls.expect("= pong");
        }
    }

    @Test
    void aTlsClientOnThePlainPortFailsClearlyAndTheServerGoesOn() throws Exception {
        var plainPort = new Address("127.0.0.1", server.port());

        int status = run(ClientOptions.of(plainPort).withTls(TlsTrust.insecure()), "/ping\n");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(UTF_8).lines()).containsExactly(
                "warning: --tls-insecure: the server's certificate is not checked; anyone on the way can read and"
                        + " change this conversation",
                "cannot reach " + plainPort + ": tls: the server does not speak TLS on this port");

        // A ClientHello on the plain door is recognised: the client is told where it is, and let go.
        try (Wire wire = Wire.connect(server.port())) {
            wire.expect(line -> line.startsWith("- welcome"));
            wire.sendRaw(TestTls.clientHello());
            assertThat(wire.awaitClose()).filteredOn(line -> line.startsWith("!")).containsExactly(
                    "! tls-on-plain-port: this port speaks plain text, not TLS: connect to the server's TLS port");
        }
        try (Wire later = server.connect()) {
            assertThat(later.ask("/ping")).isEqualTo("= pong");
        }
    }

    @Test
    void aStoppingServerTellsItsTlsClientsToo() throws Exception {
        try (var tls = TlsLines.open(tlsAddress(), selfSigned())) {
            tls.expect(line -> line.startsWith("- welcome"));
            server.stop();
            tls.expect("- the server is shutting down");
        }
    }

    @Test
    void theSelfSignedPairIsKeptAcrossRestarts() throws Exception {
        String printed = SelfSigned.fingerprint(server.dataDir());
        TlsTrust pinned = selfSigned();
        assertThat(TestTls.presentedFingerprint(server.server().tlsPort())).isEqualTo(printed);

        server.restart();

        assertThat(SelfSigned.fingerprint(server.dataDir())).isEqualTo(printed);
        assertThat(TestTls.presentedFingerprint(server.server().tlsPort())).isEqualTo(printed);
        try (var link = ServerLink.open(tlsAddress(), pinned, DEADLINE)) {
            assertThat(link.readLine()).startsWith("- welcome");
        }
    }

    @Test
    void aTlsClientThatStopsReadingIsDroppedAndTheServerStillStops() throws Exception {
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir)
                .outboxCapacity(256).limits(Limits.NONE).tls(new TlsConfig(0, null, null, true)).build();
        var busy = ChatServer.create(config).start();
        try (Wire talker = Wire.greeted(busy.port()); Wire listener = Wire.greeted(busy.port());
                var sleeper = TestTls.trustingAll().getSocketFactory().createSocket()) {
            sleeper.setReceiveBufferSize(4096); // small, so that the server's writes back up quickly
            sleeper.connect(new InetSocketAddress("127.0.0.1", busy.tlsPort()));
            ((SSLSocket) sleeper).startHandshake();
            sleeper.getOutputStream().write("/ping\n".getBytes(UTF_8)); // its first line seats it
            listener.expect("* #general: guest-3 joined");

            // The sleeper's writer blocks on a full send buffer while holding the TLS record lock; the
            // drop must still close it (the JDK's SSLSocket.close() would wait for that lock for ever).
            String payload = "z".repeat(1000);
            String dropped = "* #general: guest-3 quit (too slow: send queue full)";
            boolean sawDrop = false;
            for (int round = 0; round < 400 && !sawDrop; round++) { // up to 20 MB, more than socket buffers hold
                for (int i = 0; i < 50; i++) {
                    talker.send(round + "." + i + " " + payload);
                }
                for (int i = 0; i < 50; i++) {
                    String text = round + "." + i + " " + payload;
                    sawDrop |= listener.expect(line -> line.endsWith(text) || line.equals(dropped)).equals(dropped);
                }
            }
            if (!sawDrop) {
                listener.expect(dropped);
            }
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(15), busy::stop);
        }
    }

    @Test
    void badKeyFilesStopTheStartWithoutHoldingAPort() throws Exception {
        var files = TestCa.create().issue("localhost").write(dir);
        int plainPort = freePort();
        var base = ServerConfig.builder().bind("127.0.0.1").port(plainPort)
                .store(ServerConfig.MEMORY, dir).build();
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> ChatServer.create(base.toBuilder().tls(new TlsConfig(0, files.chain(), missing, false)).build()).start())
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("the TLS key file " + missing + " does not exist");
        try (var held = new ServerSocket()) {
            held.bind(new InetSocketAddress("127.0.0.1", 0));
            var taken = base.toBuilder().tls(new TlsConfig(held.getLocalPort(), files.chain(), files.key(), false)).build();
            assertThatThrownBy(() -> ChatServer.create(taken).start())
                    .isInstanceOf(TlsSetupException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + held.getLocalPort() + " for TLS (--tls-port): ");
        }
        try (var again = new ServerSocket()) { // the plain port was given back both times
            again.bind(new InetSocketAddress("127.0.0.1", plainPort));
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
