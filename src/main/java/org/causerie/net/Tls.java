package org.causerie.net;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
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

    /** The context, for the web door's HTTPS: the same certificate and protocols as the TLS door. */
    public SSLContext context() {
        return context;
    }

    /** The leaf certificate's SHA-256 fingerprint, colon-separated hex as openssl prints it. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * How the TLS door opens the connections it admitted: a handshake each, on readiness (no thread held
     * while it waits for the client), under one {@code deadline} for the whole of it (a per-read timeout
     * would let one byte every few seconds keep it open for ever), within the cap on handshakes in
     * progress; see {@link Handshake}.
     */
    public Door.Opening opening(Duration deadline, Admission admission, String door) {
        return (tcp, then) -> {
            if (tcp.socketChannel() == null) {
                throw new IllegalArgumentException("TLS is read on readiness: the socket must come through a channel");
            }
            var engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setSSLParameters(parameters);
            var tls = new TlsChannel(engine, tcp.socketChannel(), tcp.interest());
            new Handshake(tcp, tls, deadline, admission, door, then).start();
        };
    }
}
