package org.causerie.net;

import java.io.IOException;
import java.net.BindException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS door's security: the JDK's TLS with the server's key and certificate chain, TLS 1.3 and 1.2
 * only, and the handshake of each accepted connection. Bytes past the handshake are the same line
 * protocol as on the plain door; nothing behind the {@link Connection} knows which door a client used.
 */
public final class Tls {
    private static final Logger log = LoggerFactory.getLogger(Tls.class);
    /** Older versions are broken or deprecated (RFC 8996); the JDK disables them too, this says it here. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** How long a client may take over each read of its handshake; then it is dropped. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** The in-memory key store's password: it never leaves the process, so it protects nothing. */
    private static final char[] STORE_PASSWORD = "causerie".toCharArray();

    private final SSLContext context;
    private final SSLParameters parameters;
    private final String fingerprint;

    private Tls(Identity identity) throws TlsSetupException {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", identity.key(), STORE_PASSWORD, identity.chain().toArray(Certificate[]::new));
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot set up TLS with this key and certificate: " + e.getMessage(), e);
        }
        parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(false);
        fingerprint = identity.fingerprint();
        var leaf = identity.leaf();
        log.info("tls_certificate subject=\"{}\" not_after={} chain={} fingerprint={}",
                leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant(), identity.chain().size(),
                fingerprint);
    }

    /** TLS with the chain and key of two PEM files, as Let's Encrypt gives them (fullchain.pem, privkey.pem). */
    public static Tls fromFiles(Path certFile, Path keyFile) throws TlsSetupException {
        return new Tls(Identity.load(certFile, keyFile));
    }

    /** TLS with the self-signed pair kept in {@code dataDir} (made at the first start). */
    public static Tls selfSigned(Path dataDir) throws TlsSetupException {
        return new Tls(SelfSigned.keptIn(dataDir));
    }

    /** The leaf certificate's SHA-256 fingerprint, colon-separated hex as openssl prints it. */
    /** The context, for the web door's HTTPS: the same certificate and protocols as the TLS door. */
    public SSLContext context() {
        return context;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Binds the TLS door and starts accepting; a port in use is a {@link TlsSetupException} naming it. */
    public Listener listen(String bind, int port, int backlog, Function<Socket, Connection> connections)
            throws IOException {
        try {
            return Listener.start(new TlsServerSocket(context, parameters), bind, port, backlog, connections);
        } catch (BindException e) {
            throw new TlsSetupException("cannot listen on " + bind + ":" + port + " for TLS: "
                    + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT), e);
        }
    }

    /**
     * Runs the handshake of a connection just accepted on the TLS door, on the connection's own thread,
     * with a deadline on each read. On failure (plain text on the TLS port, a client that does not trust
     * the certificate, a silent client) the socket is closed, the failure logged, and false returned:
     * no session was made, nobody else noticed.
     */
    static boolean handshake(SSLSocket socket) {
        try {
            socket.setSoTimeout(Math.toIntExact(HANDSHAKE_TIMEOUT.toMillis()));
            socket.startHandshake();
            socket.setSoTimeout(0);
            if (log.isDebugEnabled()) {
                var session = socket.getSession();
                log.debug("tls_handshake peer={} protocol={} cipher={}", socket.getRemoteSocketAddress(),
                        session.getProtocol(), session.getCipherSuite());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            log.info("tls_handshake_failed peer={} reason=\"{}\"", socket.getRemoteSocketAddress(), reason(e));
            try {
                socket.close();
            } catch (IOException ignored) {
                // the handshake failed: there is nothing to say to this peer
            }
            return false;
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SocketTimeoutException) {
            return "no handshake within " + HANDSHAKE_TIMEOUT.toSeconds() + " s";
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return "not TLS (a plain-text client on the TLS port?)";
        }
        if (message.contains("Remote host terminated the handshake")) {
            return "the client left during the handshake";
        }
        return message;
    }
}
