package org.causerie;

import java.nio.file.Path;

/**
 * The TLS door: the same line protocol on {@code port} over TLS 1.3/1.2. Either a certificate chain
 * and its key from PEM files (as Let's Encrypt gives them), or, with {@code selfSigned}, a pair the
 * server makes once and keeps in its data directory, for trials.
 *
 * @param port       the TLS port; -1 when there is no TLS door, 0 for a free port
 * @param cert       the PEM certificate chain (leaf first), or null
 * @param key        the PEM private key (PKCS#8, or PKCS#1 RSA / SEC1 EC), or null
 * @param selfSigned make (once) and use a self-signed pair in the data directory
 */
public record TlsConfig(int port, Path cert, Path key, boolean selfSigned) {
    /** The TLS port when TLS is asked for without a port. */
    public static final int DEFAULT_PORT = 7443;
    public static final TlsConfig OFF = new TlsConfig(-1, null, null, false);

    public TlsConfig {
        if (port >= 0 && !selfSigned && (cert == null || key == null)) {
            throw new IllegalArgumentException("a TLS port needs --tls-cert and --tls-key, or --tls-self-signed");
        }
        if (selfSigned && (cert != null || key != null)) {
            throw new IllegalArgumentException("--tls-self-signed makes its own pair: leave out --tls-cert and --tls-key");
        }
    }

    public boolean enabled() {
        return port >= 0;
    }
}
