package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A test's own TLS tools, to look at what the server does rather than to check it as a client would. */
public final class TestTls {
    private TestTls() {}

    /** A client context that accepts any certificate, so that a test can look at it. */
    public static SSLContext trustingAll() throws Exception {
        var context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    /** The SHA-256 fingerprint of the certificate a server presents on 127.0.0.1:port, as openssl prints it. */
    public static String presentedFingerprint(int port) throws Exception {
        try (var socket = (SSLSocket) trustingAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            var leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        }
    }

    /** The first flight of a TLS client (its ClientHello record), as it would reach a wrong port. */
    public static byte[] clientHello() throws Exception {
        var engine = SSLContext.getDefault().createSSLEngine("localhost", 7777);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        var packet = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), packet);
        packet.flip();
        assertThat(packet.get(0)).isEqualTo((byte) 0x16); // a handshake record
        return Arrays.copyOf(packet.array(), packet.limit());
    }

    /** Everything until the peer closes (a reset counts as the end too); the socket's timeout bounds it. */
    public static byte[] readToEnd(Socket socket) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var buffer = new byte[4096];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // the server dropped the connection: that is the end waited for
        }
        return bytes.toByteArray();
    }
}
