package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trial certificate: made once, kept with a private key file, and the same at every start. */
class SelfSignedTest {
    @TempDir
    Path data;

    @Test
    void itIsMadeOnceAndKept() throws Exception {
        Identity first = SelfSigned.keptIn(data);
        Identity second = SelfSigned.keptIn(data);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.leaf()).isEqualTo(first.leaf());
        assertThat(SelfSigned.fingerprint(data)).isEqualTo(first.fingerprint());
        Path key = data.resolve("tls/self-signed.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(SelfSigned.certificateFile(data)).hasContent(Pem.encode(first.leaf()));
        try (var names = Files.list(key.getParent())) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "self-signed.crt", "self-signed.key");
        }
    }

    @Test
    void itNamesLocalhostAndLoopbackAndLastsAYear() throws Exception {
        X509Certificate leaf = SelfSigned.keptIn(data).leaf();

        assertThat(leaf.getSubjectAlternativeNames()).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        long days = (leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()) / 86_400_000;
        assertThat(days).isBetween(364L, 366L);
        leaf.verify(leaf.getPublicKey());
    }

    @Test
    void aCertificateWhoseKeyWasLostIsNotReplacedSilently() throws Exception {
        SelfSigned.keptIn(data);
        Files.delete(data.resolve("tls/self-signed.key"));

        assertThatThrownBy(() -> SelfSigned.keptIn(data))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageContaining("has lost its key");
    }

    @Test
    void aKeyLeftWithoutItsCertificateIsReplaced() throws Exception {
        Identity first = SelfSigned.keptIn(data);
        Files.delete(SelfSigned.certificateFile(data)); // as if the server died between the two files

        Identity second = SelfSigned.keptIn(data);

        assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(SelfSigned.fingerprint(data)).isEqualTo(second.fingerprint());
    }

    @Test
    void theDataDirectoryIsMadeIfNeeded() throws Exception {
        Path nested = data.resolve("not/yet");

        SelfSigned.keptIn(nested);

        assertThat(SelfSigned.certificateFile(nested)).exists();
    }
}
