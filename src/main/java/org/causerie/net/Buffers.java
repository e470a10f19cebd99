package org.causerie.net;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read buffers lent to a connection for one burst of reading and given back after it, so that an idle
 * connection holds none. At most {@link #KEPT} are kept between bursts (2 MiB); beyond that a returned
 * buffer is left to the garbage collector. Thread-safe.
 */
final class Buffers {
    /** One read: as large as the reader's largest chunk. */
    static final int SIZE = LineReader.MAX_CHUNK;
    private static final int KEPT = 256;
    private static final ConcurrentLinkedQueue<byte[]> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** Buffers taken and not yet given back: held by connections in a burst. */
    private static final AtomicInteger LENT = new AtomicInteger();

    private Buffers() {}

    /** How many buffers connections hold now (each in a burst). */
    static int lent() {
        return LENT.get();
    }

    static byte[] take() {
        LENT.incrementAndGet();
        byte[] buffer = FREE.poll();
        if (buffer == null) {
            return new byte[SIZE];
        }
        COUNT.decrementAndGet();
        return buffer;
    }

    static void give(byte[] buffer) {
        LENT.decrementAndGet();
        if (COUNT.incrementAndGet() <= KEPT) {
            FREE.offer(buffer);
        } else {
            COUNT.decrementAndGet();
        }
    }
}
