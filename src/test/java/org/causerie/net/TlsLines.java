package org.causerie.net;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.causerie.client.Address;
import org.causerie.client.ServerLink;
import org.causerie.client.TlsTrust;

/**
 * A TLS client for wire tests, through the causerie client's own {@link ServerLink}: lines out, and
 * every line in kept in order by a reader thread. Every wait has a deadline.
 */
public final class TlsLines implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ServerLink link;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private TlsLines(ServerLink link) {
        this.link = link;
        Thread.ofVirtual().name("tls-lines-reader").start(() -> {
            try {
                for (String line; (line = link.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // closed: the test is done with it
            }
        });
    }

    public static TlsLines open(Address address, TlsTrust trust) throws IOException {
        return new TlsLines(ServerLink.open(address, trust, TIMEOUT));
    }

    public void send(String line) throws IOException {
        link.send(line);
    }

    public String expect(String exact) throws InterruptedException {
        return expect(exact::equals);
    }

    /** Skips lines until one matches, and returns it; fails if none comes in time. */
    public String expect(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        var seen = new ArrayList<String>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                continue;
            }
            if (wanted.test(line)) {
                return line;
            }
            seen.add(line);
        }
        throw new AssertionError("no matching line over TLS in time; saw " + seen);
    }

    @Override
    public void close() {
        link.close();
    }
}
