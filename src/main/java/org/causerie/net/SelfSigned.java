package org.causerie.net;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.causerie.store.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-signed certificate for trials ({@code --tls-self-signed}): an EC P-256 key and a certificate
 * for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and this machine's host name, valid for a year.
 * It is made once and kept as PEM in {@code <data>/tls/} ({@value #CERT} and {@value #KEY}, the key
 * readable by its owner only), so that clients which pinned its fingerprint still trust the server
 * after a restart; a new one is made only when there is none or it has expired.
 */
public final class SelfSigned {
    private static final Logger log = LoggerFactory.getLogger(SelfSigned.class);
    static final String DIR = "tls";
    static final String CERT = "self-signed.crt";
    static final String KEY = "self-signed.key";
    static final Duration VALIDITY = Duration.ofDays(365);
    /** The certificate's name when the host name is not a DNS name. */
    private static final String FALLBACK_NAME = "causerie";

    private SelfSigned() {}

    /** The pair kept under {@code dataDir}, made and saved first when there is none or it has expired. */
    static Identity keptIn(Path dataDir) throws TlsSetupException {
        Path certFile = certificateFile(dataDir);
        Path dir = certFile.getParent();
        Path keyFile = dir.resolve(KEY);
        Identity identity = null;
        if (Files.exists(certFile)) {
            if (!Files.exists(keyFile)) {
                throw new TlsSetupException(certFile + " has lost its key " + keyFile
                        + ": delete the certificate to have a new pair made (clients will see a new fingerprint)");
            }
            identity = Identity.load(certFile, keyFile);
            if (expired(identity.leaf())) {
                log.warn("tls_self_signed_expired not_after={} file={}", identity.leaf().getNotAfter().toInstant(),
                        certFile);
                identity = null;
            }
        }
        boolean made = identity == null;
        if (made) {
            identity = make(hostName());
            save(identity, dir, certFile, keyFile);
        }
        log.info("tls_self_signed fingerprint={} file={} new={}", identity.fingerprint(), certFile, made);
        return identity;
    }

    /** The SHA-256 fingerprint of the certificate kept under {@code dataDir}, for clients to check. */
    public static String fingerprint(Path dataDir) throws TlsSetupException {
        return Identity.fingerprint(Pem.certificates(certificateFile(dataDir)).getFirst());
    }

    /** Where the certificate is kept: the file a client trusts with {@code --tls-ca}. */
    public static Path certificateFile(Path dataDir) {
        return dataDir.resolve(DIR).resolve(CERT);
    }

    /** A new key and a certificate for it, signed by itself. */
    static Identity make(String hostName) throws TlsSetupException {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build();
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()).setBit(0),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostName));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new Identity(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TlsSetupException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(String hostName) {
        var names = new ArrayList<GeneralName>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        if (!hostName.equals("localhost") && !hostName.equals(FALLBACK_NAME)) {
            names.add(new GeneralName(GeneralName.dNSName, hostName));
        }
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** This machine's name if it is a usable DNS name, else {@value #FALLBACK_NAME}. */
    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?") ? name : FALLBACK_NAME;
        } catch (UnknownHostException e) {
            return FALLBACK_NAME;
        }
    }

    private static boolean expired(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return false;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return true;
        }
    }

    /**
     * Writes the key first, then the certificate, each through a temporary file and a rename: a server
     * killed halfway leaves at worst a key without a certificate, which the next start replaces.
     */
    private static void save(Identity identity, Path dir, Path certFile, Path keyFile) throws TlsSetupException {
        try {
            OwnerOnly.folder(dir.toAbsolutePath().getParent()); // the data folder, if this is its first use
            OwnerOnly.folder(dir);
            Path keyTemp = dir.resolve(KEY + ".tmp");
            Files.deleteIfExists(keyTemp);
            OwnerOnly.file(keyTemp);
            Files.writeString(keyTemp, Pem.encode(identity.key()), StandardCharsets.US_ASCII);
            Files.move(keyTemp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path certTemp = dir.resolve(CERT + ".tmp");
            Files.writeString(certTemp, Pem.encode(identity.leaf()), StandardCharsets.US_ASCII);
            Files.move(certTemp, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TlsSetupException("cannot keep the self-signed certificate in " + dir + ": " + e.getMessage(), e);
        }
    }
}
