package org.causerie.net;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM files as Let's Encrypt and openssl write them: certificate chains ({@code CERTIFICATE} blocks,
 * leaf first) and private keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
 * ({@code EC PRIVATE KEY}). Parsing is Bouncy Castle's; the keys and certificates that come out are the
 * JDK's own, so the JDK's TLS uses them with its own providers. Every failure is a
 * {@link TlsSetupException} whose message names the file.
 */
final class Pem {
    private Pem() {}

    /** The certificates of {@code file} in their order; other blocks (a key in the same file) are skipped. */
    static List<X509Certificate> certificates(Path file) throws TlsSetupException {
        var converter = new JcaX509CertificateConverter();
        var chain = new ArrayList<X509Certificate>();
        Reader reader = open(file, "certificate");
        try (var parser = new PEMParser(reader)) {
            for (Object block; (block = parser.readObject()) != null; ) {
                if (block instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new TlsSetupException(file + " is not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new TlsSetupException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(chain);
    }

    /** The first private key of {@code file}; an encrypted key is refused, as nobody is there to type its password. */
    static PrivateKey privateKey(Path file) throws TlsSetupException {
        var converter = new JcaPEMKeyConverter();
        Reader reader = open(file, "key");
        try (var parser = new PEMParser(reader)) {
            for (Object block; (block = parser.readObject()) != null; ) {
                switch (block) {
                    case PrivateKeyInfo pkcs8 -> {
                        return converter.getPrivateKey(pkcs8);
                    }
                    case PEMKeyPair traditional -> { // its public half may be missing: only the private is needed
                        return converter.getPrivateKey(traditional.getPrivateKeyInfo());
                    }
                    case PKCS8EncryptedPrivateKeyInfo _ -> throw encrypted(file);
                    case PEMEncryptedKeyPair _ -> throw encrypted(file);
                    default -> {
                        // EC PARAMETERS before an EC key, or a certificate in the same file: not the key
                    }
                }
            }
        } catch (TlsSetupException e) {
            throw e; // already says what is wrong
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException(file + " is not a PEM private key file (" + e.getMessage() + ")", e);
        }
        throw new TlsSetupException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** A certificate as a PEM block. */
    static String encode(X509Certificate certificate) throws IOException {
        return write(certificate);
    }

    /** A private key as a PKCS#8 PEM block ({@code PRIVATE KEY}), unencrypted. */
    static String encode(PrivateKey key) throws IOException {
        return write(new JcaPKCS8Generator(key, null));
    }

    private static String write(Object object) throws IOException {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static Reader open(Path file, String what) throws TlsSetupException {
        try { // any byte decodes in Latin-1: a binary file is then "no PEM in it", not a charset error
            return Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("the TLS " + what + " file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsSetupException("the TLS " + what + " file " + file + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new TlsSetupException("the TLS " + what + " file " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static TlsSetupException encrypted(Path file) {
        return new TlsSetupException(file + " is an encrypted key: the server cannot ask for its password;"
                + " decrypt it first (openssl pkey -in " + file + " -out key.pem) and keep that file private");
    }
}
