package org.causerie;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLSocket;
import org.causerie.net.TestCa;
import org.causerie.net.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewed certificates: when the certificate and key files change (or on SIGHUP, i.e. reloadCertificates),
 * a new TLS connection sees the new certificate, and a connection made before keeps working, over real TLS.
 */
class CertificateReloadTest {
    @TempDir
    Path dir;

    /** A TLS line connection that trusts any certificate and remembers the one it was shown. */
    private record Client(SSLSocket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client open(int port) throws Exception {
            var socket = (SSLSocket) TestTls.trustingAll().getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return new Client(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)),
                    socket.getOutputStream());
        }

        String fingerprint() throws Exception {
            return CertificateReloadTest.fingerprint((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }

        /** Sends /ping and reads up to its answer: the connection is alive. */
        boolean pings() throws IOException {
            out.write("/ping\n".getBytes(UTF_8));
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("= pong")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** Puts a new pair in place as a renewal does: written aside, then moved over the served files. */
    private static void install(TestCa.ServerFiles files, Path chain, Path key) throws IOException {
        Files.move(files.chain(), chain, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(files.key(), key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ChatServer start(Path chain, Path key, Duration check) throws IOException {
        return ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, dir)
                .tls(new TlsConfig(0, chain, key, false)).certificateCheck(check).build()).start();
    }

    @Test
    void aChangedCertificateServesNewConnectionsAndTheOldOnesStayUp() throws Exception {
        var ca = TestCa.create();
        var first = ca.issue("localhost");
        var served = first.write(Files.createDirectory(dir.resolve("live")));
        try (var server = start(served.chain(), served.key(), Duration.ofMillis(100));
                var before = Client.open(server.tlsPort())) {
            assertThat(before.fingerprint()).isEqualTo(fingerprint(first.certificate()));
            assertThat(before.pings()).isTrue();

            var renewed = ca.issue("localhost");
            install(renewed.write(Files.createDirectory(dir.resolve("renewed"))), served.chain(), served.key());

            await().atMost(Duration.ofSeconds(10)).until(() -> TestTls.presentedFingerprint(server.tlsPort()),
                    fingerprint(renewed.certificate())::equals);
            try (var after = Client.open(server.tlsPort())) {
                assertThat(after.fingerprint()).isEqualTo(fingerprint(renewed.certificate()));
                assertThat(after.pings()).isTrue();
            }
            assertThat(before.pings()).as("the connection made before the renewal").isTrue();
            assertThat(before.fingerprint()).isEqualTo(fingerprint(first.certificate()));
        }
    }

    @Test
    void aReloadOnRequestTakesTheNewPairAtOnceAndABadPairKeepsTheOldOne() throws Exception {
        var ca = TestCa.create();
        var first = ca.issue("localhost");
        var served = first.write(Files.createDirectory(dir.resolve("live")));
        try (var server = start(served.chain(), served.key(), Duration.ofHours(1));
                var before = Client.open(server.tlsPort())) {
            var renewed = ca.issue("localhost");
            install(renewed.write(Files.createDirectory(dir.resolve("renewed"))), served.chain(), served.key());
            assertThat(TestTls.presentedFingerprint(server.tlsPort())).as("not polled within the hour")
                    .isEqualTo(fingerprint(first.certificate()));

            assertThat(server.reloadCertificates()).isTrue(); // what SIGHUP does
            assertThat(TestTls.presentedFingerprint(server.tlsPort())).isEqualTo(fingerprint(renewed.certificate()));

            Files.writeString(served.key(), "half-written"); // a renewal caught in the middle
            assertThat(server.reloadCertificates()).isFalse();
            assertThat(TestTls.presentedFingerprint(server.tlsPort())).isEqualTo(fingerprint(renewed.certificate()));
            assertThat(before.pings()).isTrue();
        }
    }
}
