package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key and certificate files as operators have them, and a clear line for each file that will not do. */
class PemTest {
    private static TestCa ca;
    private static TestCa.Issued issued;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCa() throws Exception {
        ca = TestCa.create();
        issued = ca.issue("localhost", "127.0.0.1");
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    @Test
    void aLetsEncryptStyleChainAndPkcs8KeyLoadLeafFirst() throws Exception {
        var files = issued.write(dir);

        var identity = Identity.load(files.chain(), files.key());

        assertThat(identity.chain()).containsExactly(issued.certificate(), ca.certificate());
        assertThat(identity.matches()).isTrue();
        assertThat(identity.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void traditionalRsaAndEcKeysLoadToo() throws Exception {
        KeyPair rsa = TestCa.rsa();
        var rsaIssued = ca.issue(rsa, java.time.Duration.ofDays(1), "localhost");
        Path rsaCert = file("rsa.pem", TestCa.pem(rsaIssued.certificate()));
        Path rsaKey = file("rsa.key", TestCa.pem(rsa.getPrivate()));
        KeyPair ec = TestCa.ec();
        var ecIssued = ca.issue(ec, java.time.Duration.ofDays(1), "localhost");
        Path ecCert = file("ec.pem", TestCa.pem(ecIssued.certificate()));
        Path ecKey = file("ec.key", TestCa.sec1(ec));

        assertThat(Files.readString(rsaKey)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(ecKey)).contains("-----BEGIN EC PARAMETERS-----", "-----BEGIN EC PRIVATE KEY-----");
        assertThat(Identity.load(rsaCert, rsaKey).key().getAlgorithm()).isEqualTo("RSA");
        assertThat(Identity.load(ecCert, ecKey).key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        var files = issued.write(dir);
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> Identity.load(missing, files.key()))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("the TLS certificate file " + missing + " does not exist");
        assertThatThrownBy(() -> Identity.load(files.chain(), missing))
                .hasMessage("the TLS key file " + missing + " does not exist");
    }

    @Test
    void garbageIsNotMistakenForPem() throws Exception {
        var files = issued.write(dir);
        Path text = file("notes.txt", "hello, this is not a certificate\n");
        Path binary = Files.write(dir.resolve("random.der"), new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xff, 0, 1});
        Path broken = file("broken.pem", "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> Identity.load(text, files.key()))
                .hasMessage(text + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> Identity.load(files.chain(), binary))
                .hasMessage(binary + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        assertThatThrownBy(() -> Identity.load(broken, files.key()))
                .hasMessageStartingWith(broken + " is not a PEM certificate file (");
        // the two files swapped: the key file has no certificate
        assertThatThrownBy(() -> Identity.load(files.key(), files.chain()))
                .hasMessageStartingWith(files.key() + " holds no PEM certificate");
    }

    @Test
    void anEncryptedKeyIsRefusedWithWhatToDo() throws Exception {
        KeyPair keys = TestCa.ec();
        Path cert = file("cert.pem", TestCa.pem(ca.issue(keys, java.time.Duration.ofDays(1), "localhost").certificate()));
        Path pkcs8 = file("pkcs8.key", TestCa.encryptedPkcs8(keys.getPrivate()));
        Path traditional = file("traditional.key", TestCa.encryptedTraditional(keys.getPrivate()));

        assertThat(Files.readString(pkcs8)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(Files.readString(traditional)).contains("Proc-Type: 4,ENCRYPTED");
        for (Path key : new Path[] {pkcs8, traditional}) {
            assertThatThrownBy(() -> Identity.load(cert, key))
                    .isInstanceOf(TlsSetupException.class)
                    .hasMessageStartingWith(key + " is an encrypted key: the server cannot ask for its password;")
                    .hasMessageContaining("openssl pkey -in " + key);
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        var files = issued.write(dir);
        Path otherKey = file("other.key", TestCa.pkcs8(TestCa.ec().getPrivate()));
        Path otherRsaKey = file("other-rsa.key", TestCa.pem(TestCa.rsa().getPrivate()));

        for (Path key : new Path[] {otherKey, otherRsaKey}) {
            assertThatThrownBy(() -> Identity.load(files.chain(), key))
                    .isInstanceOf(TlsSetupException.class)
                    .hasMessageStartingWith("the key in " + key + " does not belong to the first certificate in "
                            + files.chain());
        }
    }

    @Test
    void aChainWithTheCaFirstIsRefusedAsAMismatch() throws Exception {
        var files = issued.write(dir);
        Path reversed = file("reversed.pem", TestCa.pem(ca.certificate()) + TestCa.pem(issued.certificate()));

        assertThatThrownBy(() -> Identity.load(reversed, files.key()))
                .hasMessageContaining("does not belong to the first certificate");
    }
}
