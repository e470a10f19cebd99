package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Security;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.causerie.net.TestTls;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS door speaks TLS 1.3 and 1.2 only. The test JVM's policy (src/test/resources/legacy-tls.security)
 * lets a client offer TLS 1.0 and 1.1, so a refusal here is the server's own rule, not the JDK's default.
 */
class TlsVersionsTest {
    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().tls(new TlsConfig(0, null, null, true)).build());

    private SSLSocket client(String version) throws Exception {
        var socket = (SSLSocket) TestTls.trustingAll().getSocketFactory().createSocket("127.0.0.1",
                server.server().tlsPort());
        socket.setEnabledProtocols(new String[] {version});
        socket.setSoTimeout(10_000);
        return socket;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1", "TLSv1.1"})
    void oldVersionsAreRefused(String version) throws Exception {
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms").split(",\\s*"))
                .as("this JVM lets a client offer %s (surefire's argLine)", version).doesNotContain(version);
        try (SSLSocket socket = client(version)) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void currentVersionsAreServed(String version) throws Exception {
        try (SSLSocket socket = client(version)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo(version);
        }
    }
}
