package org.causerie.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.causerie.audit.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renewed certificates without a restart: the TLS door's certificate and key files are read again when
 * they change (polled every {@code every}; a Let's Encrypt renewal replaces the symbolic links under
 * {@code live/}, which changes the real path and the modification time) or when {@link #reload} is called
 * (SIGHUP). The new pair serves the connections made after it; established connections stay up. A pair
 * that cannot be read, or whose key is not the certificate's (a renewal caught half-written), is logged
 * and the old pair kept: the next change or SIGHUP tries again.
 */
public final class CertificateReload implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CertificateReload.class);

    private final Path certFile;
    private final Path keyFile;
    private final SwappableKeys keys;
    private final Thread poller;
    /** What the files looked like at the last load; guarded by this. */
    private List<Object> seen;

    CertificateReload(Path certFile, Path keyFile, SwappableKeys keys, Duration every) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.keys = keys;
        this.seen = stamp();
        this.poller = Thread.ofVirtual().name("certificate-watch").start(() -> poll(every));
    }

    /** Reads the files again and, if they hold a good pair, serves it from the next handshake on. */
    public synchronized boolean reload(String cause) {
        seen = stamp();
        try {
            Identity identity = Identity.load(certFile, keyFile);
            keys.swap(identity);
            log.info("tls_certificate_reloaded cause={} subject=\"{}\" not_after={} fingerprint={}", cause,
                    identity.leaf().getSubjectX500Principal().getName(), identity.leaf().getNotAfter().toInstant(),
                    identity.fingerprint());
            Audit.event("tls_certificate_reloaded", "cause", cause, "fingerprint", identity.fingerprint());
            return true;
        } catch (TlsSetupException | RuntimeException e) {
            log.warn("tls_reload_failed cause={} reason=\"{}\" (the previous certificate stays in use)", cause,
                    e.getMessage());
            return false;
        }
    }

    private void poll(Duration every) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            boolean changed;
            synchronized (this) {
                changed = !Objects.equals(seen, stamp());
            }
            if (changed) {
                reload("files_changed");
            }
        }
    }

    /** Real path, modification time and size of both files; a missing file is part of the stamp too. */
    private List<Object> stamp() {
        return List.of(stamp(certFile), stamp(keyFile));
    }

    private static List<Object> stamp(Path file) {
        try {
            return List.of(file.toRealPath(), Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return List.of("unreadable");
        }
    }

    @Override
    public void close() {
        poller.interrupt();
    }
}
