package org.causerie.net;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers lent to a connection for one burst of reading (or one write) and given back after it, so that
 * an idle connection holds none: {@link #LINES}, the line reader's reads, {@link #RECORDS}, a TLS
 * connection's records (received and not yet decrypted, decrypted and not yet framed, encrypted and not
 * yet written), and a writer's batch ({@link #forWrite}). At most so many of each are kept between
 * bursts; beyond that a returned buffer is left to the garbage collector. Thread-safe.
 */
final class Buffers {
    /** One read: as large as the reader's largest chunk. 256 kept: 2 MiB. */
    static final Buffers LINES = new Buffers(LineReader.MAX_CHUNK, 256);
    /**
     * One TLS record with its header, padding and tag: the JDK's largest is 16,709 B (its engine's
     * packet and application buffer sizes; {@code TlsReadinessTest} checks they fit). 128 kept: 2.1 MiB.
     */
    static final Buffers RECORDS = new Buffers(17 * 1024, 128);
    /**
     * A writer's batch of several events, copied into one buffer for one system call, by size: 1 KiB,
     * 2 KiB, … up to {@link Outbox#MAX_WRITE} (64 KiB). A writer takes the smallest that holds its batch,
     * so one that waits on a full socket holds at most twice its batch, as when it made its own. A
     * writer holds one while it writes: on two cores, a few at a time. 8 of each kept: 1 MiB in all.
     */
    private static final Buffers[] WRITES = new Buffers[7];

    static {
        for (int i = 0; i < WRITES.length; i++) {
            WRITES[i] = new Buffers(1024 << i, 8);
        }
    }

    /** The size of each buffer. */
    final int size;
    private final int kept;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    /** Buffers taken and not yet given back: held by connections in a burst. */
    private final AtomicInteger lent = new AtomicInteger();

    Buffers(int size, int kept) {
        this.size = size;
        this.kept = kept;
    }

    /** How many buffers of every kind connections hold now (each in a burst or a write). */
    static int lent() {
        int writes = 0;
        for (Buffers sized : WRITES) {
            writes += sized.lent.get();
        }
        return LINES.lent.get() + RECORDS.lent.get() + writes;
    }

    /** The pool of the smallest write buffer that holds {@code bytes}, or of the largest (64 KiB). */
    static Buffers forWrite(long bytes) {
        int size = (int) Math.clamp(bytes, 1024, Outbox.MAX_WRITE);
        return WRITES[32 - Integer.numberOfLeadingZeros(size - 1) - 10];
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
