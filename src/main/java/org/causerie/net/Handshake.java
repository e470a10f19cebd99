package org.causerie.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.causerie.audit.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's TLS handshake, on readiness: it goes as far as the client's bytes allow on the thread
 * that has them, and while it waits for more it holds no thread and no record buffer ({@link Readiness}
 * starts a {@code handshake} virtual thread when they come). One deadline covers the whole handshake,
 * however its bytes trickle: when it passes, the {@code deadlines} thread closes the socket, and the close
 * wakes the handshake, which fails. A place among the handshakes in progress is held from its start to
 * its end, whatever the outcome.
 *
 * <p>On success the connection's TLS {@link Transport} is handed on. On failure (plain text on the TLS
 * port, a client that does not trust the certificate or offers nothing acceptable, a silent, trickling or
 * departing client, a full cap) the socket is closed, the failure written to the audit log (rate-limited
 * per address), and null handed on: no session was made, nobody else noticed.
 */
final class Handshake {
    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    private final Transport tcp;
    private final TlsChannel tls;
    private final Duration deadline;
    private final Admission admission;
    private final String door;
    private final Consumer<Transport> then;
    /** The handshake waits on readiness, holding no thread: whoever sets it false runs the next step. */
    private final AtomicBoolean waiting = new AtomicBoolean();
    private volatile boolean expired;
    private volatile Future<?> timer;

    Handshake(Transport tcp, TlsChannel tls, Duration deadline, Admission admission, String door,
            Consumer<Transport> then) {
        this.tcp = tcp;
        this.tls = tls;
        this.deadline = deadline;
        this.admission = admission;
        this.door = door;
        this.then = then;
    }

    /** Starts on the caller's thread (the listener's, for this connection), within the cap on handshakes. */
    void start() {
        if (!admission.startHandshake(tcp.address(), door)) {
            tcp.close();
            then.accept(null);
            return;
        }
        timer = Deadlines.after(deadline, () -> {
            expired = true;
            tcp.close(); // wakes the handshake, waiting or running: it fails
        });
        step();
    }

    /** Bytes came, or the socket was closed: a thread takes the handshake on. Only the caller that takes the wait over starts one. */
    private void resume() {
        if (waiting.compareAndSet(true, false)) {
            Thread.ofVirtual().name("handshake").start(this::step);
        }
    }

    private void step() {
        try {
            if (!tls.handshake()) { // nothing more to go on: wait on readiness, holding no thread
                waiting.set(true);
                try {
                    tcp.awaitReadable(this::resume);
                    return;
                } catch (IOException closed) {
                    if (!waiting.compareAndSet(true, false)) {
                        return; // closed meanwhile, and the close has started the step that fails
                    }
                    throw closed;
                }
            }
            if (expired) { // done just as the deadline closed the socket
                throw new SocketTimeoutException("deadline");
            }
        } catch (IOException | RuntimeException e) {
            end();
            Audit.from(tcp.address(), "tls_handshake_failed", "door", door,
                    "reason", expired ? "no handshake within " + deadline.toMillis() + " ms" : reason(e));
            tls.closeOutbound(); // the alert the engine has for the client, if the socket takes it now
            tcp.close();
            then.accept(null);
            return;
        }
        end();
        if (log.isDebugEnabled()) {
            var session = tls.engine().getSession();
            log.debug("tls_handshake peer={} protocol={} cipher={}", tcp.peer(), session.getProtocol(),
                    session.getCipherSuite());
        }
        then.accept(Transport.tls(tcp, tls));
    }

    /** Gives back the deadline and the place among the handshakes, whatever the outcome. */
    private void end() {
        timer.cancel(false);
        admission.endHandshake();
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // the JDK's words for a first record that is no TLS: "Unsupported or unrecognized SSL message",
        // "Unrecognized SSL message, plaintext connection?"
        if (message.toLowerCase(java.util.Locale.ROOT).contains("unrecognized ssl message")) {
            return "not TLS (a plain-text client on the TLS port?)";
        }
        return message;
    }
}
