package org.causerie.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.causerie.audit.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS transport: the JDK's TLS with the server's key and certificate chain, TLS 1.3 and 1.2 only
 * with AEAD suites, no client-initiated renegotiation, and the handshake of each admitted connection
 * under one deadline. Past the handshake a {@link Transport} carries bytes; nothing behind it knows
 * whether a client came with TLS.
 */
public final class Tls {
    private static final Logger log = LoggerFactory.getLogger(Tls.class);
    /** Older versions are broken or deprecated (RFC 8996); the JDK disables them too, this says it here. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /**
     * TLS 1.2 suites with forward secrecy and authenticated encryption only (ECDHE with AES-GCM or
     * ChaCha20-Poly1305): the CBC suites (Lucky13, padding oracles), static RSA key exchange (no forward
     * secrecy) and finite-field DHE (costly, small groups) are left out. TLS 1.3 suites are all AEAD.
     */
    static final Pattern ALLOWED_SUITE = Pattern.compile(
            "TLS_(AES_\\d+_GCM_\\w+|CHACHA20_POLY1305_\\w+|ECDHE_(ECDSA|RSA)_WITH_(AES_\\d+_GCM|CHACHA20_POLY1305)_\\w+"
                    + "|EMPTY_RENEGOTIATION_INFO_SCSV)");

    static {
        // A client that renegotiates makes the server redo the costly part of a handshake at will, on a
        // connection that is already counted once: refused. The JDK reads this once, when its first
        // server handshake starts, so it is set before any TLS context of this server exists.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }
    private final SwappableKeys keys;
    private final SSLContext context;
    private final SSLParameters parameters;
    private final String fingerprint;

    private Tls(Identity identity) throws TlsSetupException {
        keys = new SwappableKeys(identity);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot set up TLS with this key and certificate: " + e.getMessage(), e);
        }
        parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setCipherSuites(Arrays.stream(parameters.getCipherSuites())
                .filter(suite -> ALLOWED_SUITE.matcher(suite).matches()).toArray(String[]::new));
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

    /** Reloads the pair from these files when they change (polled every {@code every}) or when asked. */
    public CertificateReload reloading(Path certFile, Path keyFile, Duration every) {
        return new CertificateReload(certFile, keyFile, keys, every);
    }

    /** The leaf certificate's SHA-256 fingerprint, colon-separated hex as openssl prints it. */
    /** The context, for the web door's HTTPS: the same certificate and protocols as the TLS door. */
    public SSLContext context() {
        return context;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /**
     * A server socket for the TLS door: it accepts TCP connections, which {@link #open} then layers TLS
     * on, on the connection's own thread, once the admission has let them in.
     */
    public ServerSocket serverSocket() throws IOException {
        return new TlsServerSocket();
    }

    /** How the TLS door opens the connections it accepted: a handshake under {@code deadline} each. */
    public Function<Socket, Transport> transports(Duration deadline, Admission admission, String door) {
        return tcp -> open(tcp, deadline, admission, door);
    }

    /**
     * Runs the TLS handshake of a connection just admitted, on the connection's own thread, under one
     * deadline for the whole handshake (a per-read timeout would let one byte every few seconds keep it
     * open for ever), and within the cap on handshakes in progress. On failure (plain text on the TLS
     * port, a client that does not trust the certificate, a silent or trickling client, a full cap) the
     * socket is closed, the failure written to the audit log (rate-limited per address), and null
     * returned: no session was made, nobody else noticed.
     */
    Transport open(Socket tcp, Duration deadline, Admission admission, String door) {
        var address = tcp.getInetAddress();
        if (!admission.startHandshake(address, door)) {
            close(tcp);
            return null;
        }
        var expired = new AtomicBoolean();
        try {
            var tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, true);
            tls.setSSLParameters(parameters);
            Future<?> timer = Deadlines.after(deadline, () -> {
                expired.set(true);
                close(tcp); // wakes the handshake, blocked in a read, with an exception
            });
            try {
                tls.startHandshake();
            } finally {
                timer.cancel(false);
            }
            if (expired.get()) {
                throw new SocketTimeoutException("deadline");
            }
            if (log.isDebugEnabled()) {
                var session = tls.getSession();
                log.debug("tls_handshake peer={} protocol={} cipher={}", tcp.getRemoteSocketAddress(),
                        session.getProtocol(), session.getCipherSuite());
            }
            return Transport.tls(tcp, tls);
        } catch (IOException | RuntimeException e) {
            Audit.from(address, "tls_handshake_failed", "door", door,
                    "reason", expired.get() ? "no handshake within " + deadline.toMillis() + " ms" : reason(e));
            close(tcp);
            return null;
        } finally {
            admission.endHandshake();
        }
    }

    private static void close(Socket tcp) {
        try {
            tcp.close();
        } catch (IOException ignored) {
            // the handshake failed: there is nothing to say to this peer
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return "not TLS (a plain-text client on the TLS port?)";
        }
        if (message.contains("Remote host terminated the handshake")) {
            return "the client left during the handshake";
        }
        return message;
    }
}
