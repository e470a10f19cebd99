package org.causerie.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.causerie.chat.Envelope;
import org.causerie.chat.Sink;
import org.causerie.protocol.Format;

/**
 * A connection's bounded outbound queue, drained by its own writer thread. A sender never waits on a
 * receiver: {@link #send} only queues, and when the queue is full the client is judged too slow, the
 * queue is dropped and {@code onOverflow} is called (it must not block: the caller may hold a room lock).
 *
 * <p>The writer takes everything queued at once, encodes it, and writes it with one flush: a busy client
 * costs one system call per batch, not per line. A format switch travels in the queue, so every event
 * is encoded in the format that was in force when it was queued.
 */
final class Outbox implements Sink {
    private final int capacity;
    private final Runnable onOverflow;
    private final java.util.function.Consumer<String> onEnd;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition spaced = lock.newCondition();
    /** Envelopes and Format switches, in order; guarded by {@link #lock}. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** No more events are taken; the writer ends once the queue is empty. Guarded by {@link #lock}. */
    private boolean closing;
    /** Guarded by {@link #lock}. */
    private boolean overflowed;

    Outbox(int capacity, Runnable onOverflow, java.util.function.Consumer<String> onEnd) {
        this.capacity = capacity;
        this.onOverflow = onOverflow;
        this.onEnd = onEnd;
    }

    @Override
    public void end(String reason) {
        onEnd.accept(reason);
    }

    @Override
    public void send(Envelope envelope) {
        boolean overflow;
        lock.lock();
        try {
            if (closing) {
                return;
            }
            overflow = queue.size() >= capacity;
            if (overflow) {
                overflowed = true;
                closing = true;
                queue.clear(); // nothing more will reach this client; free the memory now
                spaced.signal();
            } else {
                queue.add(envelope);
            }
            ready.signal();
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
        }
    }

    /**
     * Blocks the session's own reader while its outbox is more than half full: a client that sends
     * faster than it reads its answers is slowed down by TCP, not dropped. Only the owner calls this;
     * it waits on its own client, never on another one.
     */
    void awaitSpace() throws InterruptedException {
        lock.lock();
        try {
            while (queue.size() > capacity / 2 && !closing) {
                spaced.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Switches the format for everything queued after this call. */
    void format(Format format) {
        lock.lock();
        try {
            queue.add(format);
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes no more events; the writer writes what is queued and returns. */
    void finish() {
        lock.lock();
        try {
            closing = true;
            ready.signal();
            spaced.signal();
        } finally {
            lock.unlock();
        }
    }

    boolean overflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
        }
    }

    /** The writer loop: returns when finished and drained; throws when the peer cannot be written to. */
    void drainTo(OutputStream out) throws IOException, InterruptedException {
        Format format = Format.TEXT;
        var batch = new ArrayList<Object>();
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    ready.await();
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch.addAll(queue);
                queue.clear();
                spaced.signal();
            } finally {
                lock.unlock();
            }
            format = write(batch, format, out);
            batch.clear();
            out.flush();
        }
    }

    private static Format write(List<Object> batch, Format format, OutputStream out) throws IOException {
        for (Object item : batch) {
            if (item instanceof Format next) {
                format = next;
            } else {
                out.write(format.encode((Envelope) item));
            }
        }
        return format;
    }
}
