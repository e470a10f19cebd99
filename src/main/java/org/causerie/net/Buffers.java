package org.causerie.net;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers lent to a connection for one burst of reading (or one write) and given back after it, so that
 * an idle connection holds none: {@link #LINES}, the line reader's reads, and {@link #RECORDS}, a TLS
 * connection's records (received and not yet decrypted, decrypted and not yet framed, encrypted and not
 * yet written). At most so many of each are kept between bursts; beyond that a returned buffer is left
 * to the garbage collector. Thread-safe.
 */
final class Buffers {
    /** One read: as large as the reader's largest chunk. 256 kept: 2 MiB. */
    static final Buffers LINES = new Buffers(LineReader.MAX_CHUNK, 256);
    /**
     * One TLS record with its header, padding and tag: the JDK's largest is 16,709 B (its engine's
     * packet and application buffer sizes; {@code TlsReadinessTest} checks they fit). 128 kept: 2.1 MiB.
     */
    static final Buffers RECORDS = new Buffers(17 * 1024, 128);

    /** The size of each buffer. */
    final int size;
    private final int kept;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    /** Buffers taken and not yet given back: held by connections in a burst. */
    private final AtomicInteger lent = new AtomicInteger();

    private Buffers(int size, int kept) {
        this.size = size;
        this.kept = kept;
    }

    /** How many buffers of both kinds connections hold now (each in a burst). */
    static int lent() {
        return LINES.lent.get() + RECORDS.lent.get();
    }

    byte[] take() {
        lent.incrementAndGet();
        byte[] buffer = free.poll();
        if (buffer == null) {
            return new byte[size];
        }
        count.decrementAndGet();
        return buffer;
    }

    void give(byte[] buffer) {
        lent.decrementAndGet();
        if (count.incrementAndGet() <= kept) {
            free.offer(buffer);
        } else {
            count.decrementAndGet();
        }
    }
}
