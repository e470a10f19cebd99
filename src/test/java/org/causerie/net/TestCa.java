package org.causerie.net;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority for tests, as an organisation would run one: a CA certificate, and server
 * certificates it signs for the names asked, written as PEM files the way a server is given them.
 */
public final class TestCa {
    private static final X500Name NAME = new X500Name("CN=Causerie Test CA");

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestCa(KeyPair caKeys, X509Certificate caCertificate) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** The files of one server: the CA a client trusts, the server's chain (leaf, then CA) and its key. */
    public record ServerFiles(Path ca, Path chain, Path key) {}

    public static TestCa create() throws Exception {
        KeyPair keys = ec();
        var builder = builder(NAME, NAME, keys, Duration.ofDays(30));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new TestCa(keys, sign(builder, keys.getPrivate()));
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    /** A server key and a certificate for {@code names} (DNS names, or IP addresses when they start with a digit). */
    public Issued issue(String... names) throws Exception {
        return issue(ec(), Duration.ofDays(7), names);
    }

    public Issued issue(KeyPair keys, Duration validity, String... names) throws Exception {
        var builder = builder(new X500Name("CN=" + names[0]), NAME, keys, validity);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        var alternatives = new ArrayList<GeneralName>();
        for (String name : names) {
            alternatives.add(new GeneralName(Character.isDigit(name.charAt(0)) || name.contains(":")
                    ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(alternatives.toArray(GeneralName[]::new)));
        return new Issued(keys.getPrivate(), sign(builder, caKeys.getPrivate()));
    }

    /** A key and its certificate, signed by this CA. */
    public final class Issued {
        private final PrivateKey key;
        private final X509Certificate certificate;

        Issued(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.certificate = certificate;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** Writes ca.pem, fullchain.pem (leaf then CA) and privkey.pem (PKCS#8) into {@code dir}. */
        public ServerFiles write(Path dir) throws IOException {
            var files = new ServerFiles(dir.resolve("ca.pem"), dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
            Files.writeString(files.ca(), pem(caCertificate), StandardCharsets.US_ASCII);
            Files.writeString(files.chain(), pem(certificate) + pem(caCertificate), StandardCharsets.US_ASCII);
            Files.writeString(files.key(), pkcs8(key), StandardCharsets.US_ASCII);
            return files;
        }
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair ec() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public static KeyPair rsa() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** Any object as PEM: a certificate, a PEM block, or an RSA key in its traditional form (PKCS#1). */
    public static String pem(Object object) throws IOException {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** A key as a PKCS#8 block ({@code PRIVATE KEY}), as {@code openssl genpkey} writes it. */
    public static String pkcs8(PrivateKey key) throws IOException {
        return pem(new JcaPKCS8Generator(key, null));
    }

    /**
     * An EC key in SEC1 ({@code EC PRIVATE KEY}) as {@code openssl ecparam -genkey} writes it: the curve's
     * parameters block first, then the key with its curve and public point.
     */
    public static String sec1(KeyPair keys) throws IOException {
        var parameters = new X962Parameters(SECObjectIdentifiers.secp256r1);
        var publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData();
        var key = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((ECPrivateKey) keys.getPrivate()).getS(),
                publicKey, parameters);
        return pem(new PemObject("EC PARAMETERS", parameters.getEncoded()))
                + pem(new PemObject("EC PRIVATE KEY", key.getEncoded()));
    }

    /** A key as an encrypted PKCS#8 block ({@code ENCRYPTED PRIVATE KEY}). */
    public static String encryptedPkcs8(PrivateKey key) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        return pem(new JcaPKCS8Generator(key, encryptor));
    }

    /** A key in the traditional form encrypted by openssl's {@code -aes256} ({@code Proc-Type: 4,ENCRYPTED}). */
    public static String encryptedTraditional(PrivateKey key) throws Exception {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(new BouncyCastleProvider())
                    .build("secret".toCharArray()));
        }
        return text.toString();
    }

    private static JcaX509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys,
            Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()).setBit(0),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, keys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer) throws Exception {
        var contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }
}
