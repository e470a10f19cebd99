package org.causerie.net;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * What the server proves itself with on the TLS door: a private key and the certificate chain that
 * goes with it, leaf first.
 *
 * @param key   the private key of the leaf certificate
 * @param chain the leaf, then the intermediates a client may lack (Let's Encrypt's fullchain.pem)
 */
record Identity(PrivateKey key, List<X509Certificate> chain) {

    Identity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain has at least the leaf");
        }
    }

    /** Reads the pair from PEM files and checks that the key is the leaf's. */
    static Identity load(Path certFile, Path keyFile) throws TlsSetupException {
        var chain = Pem.certificates(certFile);
        var identity = new Identity(Pem.privateKey(keyFile), chain);
        if (!identity.matches()) {
            throw new TlsSetupException("the key in " + keyFile + " does not belong to the first certificate in "
                    + certFile + " (is the certificate file's leaf first, and is this its key?)");
        }
        return identity;
    }

    X509Certificate leaf() {
        return chain.getFirst();
    }

    /** The leaf's SHA-256 fingerprint, written as {@code openssl x509 -fingerprint -sha256} writes it. */
    String fingerprint() {
        return fingerprint(leaf());
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate cannot fail", e);
        }
    }

    /**
     * Whether the key is the leaf's: a test signature made with the key must verify with the leaf's
     * public key. Without this check a wrong key file shows up only as every handshake failing.
     */
    boolean matches() {
        PublicKey publicKey = leaf().getPublicKey();
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // a key type we cannot test here (RSASSA-PSS): the first handshake will tell
        }
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "causerie key check".getBytes(StandardCharsets.US_ASCII);
            var signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
