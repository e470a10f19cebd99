package org.causerie.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.causerie.event.Envelope;
import org.causerie.chat.Sink;
import org.causerie.chat.Wakeups;
import org.causerie.protocol.Codec;
import org.causerie.protocol.Format;

/**
 * A connection's bounded outbound queue, and the writer that drains it to the socket. A sender never
 * waits on a receiver: {@link #send} only queues, and when the queue is full the client is judged too
 * slow, the queue is dropped and {@code onOverflow} is called (it must not block: the caller may hold a
 * room lock).
 *
 * <p>The writer is a virtual thread that exists only while there is something to write: the first
 * event queued to an idle outbox asks for one (through {@link Wakeups}, so a sender wakes each writer
 * once per batch of its work, after it has let go of any lock), and the writer ends when it finds the
 * queue empty. An idle connection holds no writer thread and no output buffer. The writer takes
 * everything queued at once and writes it with one system call: a busy client costs one write per
 * batch, not per line. Each event is queued with its {@link Codec}, the one in force when it was
 * queued, so that a switch of format (or of IRC capabilities) never changes what already waits.
 * A door may use it from another package: the line door's connection and the IRC door's both do.
 *
 * <p>States, all guarded by {@link #lock}: idle (no writer, queue empty), scheduled (events queued, a
 * writer asked for but not yet started), writing (a writer runs), and closing at the end, when the session ends, the client is too slow or
 * the peer cannot be written to.
 */
public final class Outbox implements Sink {
    /** The most bytes given to one socket write; a larger batch goes out in several. */
    static final int MAX_WRITE = 64 * 1024;
    /**
     * Slots of the queue an idle outbox makes for its first event (32 events with their codecs): a busy
     * writer's batches often hold tens of events. A queue that is full doubles; the writer hands the
     * grown one back as the next queue, so a busy writer's queues grow once, not at every batch.
     */
    private static final int FIRST_QUEUE = 64;
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("writer").factory();

    private final int capacity;
    private final Runnable onOverflow;
    private final Runnable onBroken;
    private final java.util.function.Consumer<String> onEnd;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the queue has been taken by the writer, and when the writer ends. */
    private final Condition progress = lock.newCondition();
    /** The start of a writer, as handed to {@link Wakeups}; one object for the outbox's life. */
    private final Runnable start = this::start;
    /** Set once by {@link #open}, before anything is queued. */
    private OutputStream out;
    /**
     * Envelope, codec, envelope, codec…: pairs in order, without a pair object, in the first
     * {@link #queued} slots; guarded by {@link #lock}. A plain array rather than a deque: a sender only
     * appends and the writer takes it whole, so a delivery costs two stores and a count. Null while
     * nothing waits and no writer runs: an idle connection holds no queue (it was 147 B).
     */
    private Object[] queue;
    /** Slots of {@link #queue} in use (two per event); guarded by {@link #lock}. */
    private int queued;
    /** A writer has been asked for and has not yet ended; guarded by {@link #lock}. */
    private boolean scheduled;
    /** That writer's thread has been started; guarded by {@link #lock}. */
    private boolean started;
    /** No more events are taken; guarded by {@link #lock}. */
    private boolean closing;
    /** Guarded by {@link #lock}. */
    private boolean overflowed;
    /** The codec of what {@link #send(Envelope)} queues; guarded by {@link #lock}. */
    private Codec codec = Format.TEXT;
    /**
     * The session's messages in the journal, whose echoes are still to be queued ({@link #held}): counted
     * by {@link #awaitSpace} as if they were queued. Changed by the session's thread and the committer.
     */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The reader waits in {@link #awaitSpace}; written under {@link #lock}, read by {@link #released}. */
    private volatile boolean awaiting;

    /**
     * {@code onOverflow} runs when the queue is full (maybe under a room lock: it must not block),
     * {@code onBroken} when the peer cannot be written to, {@code onEnd} for {@link #end}.
     */
    public Outbox(int capacity, Runnable onOverflow, Runnable onBroken, java.util.function.Consumer<String> onEnd) {
        this.capacity = capacity;
        this.onOverflow = onOverflow;
        this.onBroken = onBroken;
        this.onEnd = onEnd;
    }

    /** Where the writer writes; called once by the connection before the session exists. */
    public void open(OutputStream out) {
        this.out = out;
    }

    @Override
    public void end(String reason) {
        onEnd.accept(reason);
    }

    /** Queues {@code envelope} in the codec in force (see {@link #codec}). */
    @Override
    public void send(Envelope envelope) {
        enqueue(envelope, null);
    }

    /** Queues {@code envelope} to be written by {@code codec}, whatever the codec in force. */
    public void send(Envelope envelope, Codec codec) {
        enqueue(envelope, codec);
    }

    /** Switches the codec for everything {@link #send(Envelope)} queues after this call. */
    public void codec(Codec codec) {
        lock.lock();
        try {
            this.codec = codec;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Envelope envelope, Codec chosen) {
        boolean overflow = false;
        boolean wake = false;
        lock.lock();
        try {
            if (closing) {
                return;
            }
            if (queued >= 2 * capacity) {
                overflow = overflowed = closing = true;
                queue = null; // nothing more will reach this client; free the memory now
                queued = 0;
                progress.signalAll();
            } else {
                Object[] slots = queue;
                if (slots == null) {
                    slots = queue = new Object[FIRST_QUEUE];
                } else if (queued == slots.length) {
                    slots = queue = Arrays.copyOf(slots, 2 * slots.length);
                }
                slots[queued] = envelope;
                slots[queued + 1] = chosen != null ? chosen : codec;
                queued += 2;
                wake = !scheduled;
                scheduled = true;
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
        } else if (wake) {
            Wakeups.later(start);
        }
    }

    /** Starts the writer that was asked for, unless it has been already: any thread may call it. */
    private void start() {
        lock.lock();
        try {
            if (!scheduled || started) {
                return;
            }
            started = true;
        } finally {
            lock.unlock();
        }
        WRITERS.newThread(this::drain).start();
    }

    @Override
    public void held() {
        inFlight.incrementAndGet();
    }

    @Override
    public void released() {
        inFlight.decrementAndGet();
        // Set before the waiting reader reads the count, read after the count changed: either the reader
        // sees the new count or this sees it waiting, and signals once the reader has let go of the lock.
        if (awaiting) {
            lock.lock();
            try {
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Blocks the session's own reader while its outbox, counting the echoes of its messages still in the
     * journal ({@link #held}), is more than half full: a client that sends faster than it reads its
     * answers is slowed down by TCP, not dropped. Only the owner calls this; it waits on its own client
     * (and on the journal's commits), never on another one.
     */
    public void awaitSpace() throws InterruptedException {
        lock.lock();
        try {
            if (!full() || closing) {
                return;
            }
        } finally {
            lock.unlock();
        }
        Wakeups.flushCurrent(); // before waiting: the writers this thread asked for, its own among them
        start(); // and its own, if another thread asked for it and has not flushed yet
        lock.lock();
        try {
            awaiting = true;
            while (full() && !closing) {
                progress.await();
            }
        } finally {
            awaiting = false;
            lock.unlock();
        }
    }

    /** More than half of the capacity queued or to come from the journal; under {@link #lock}. */
    private boolean full() {
        return queued + 2 * inFlight.get() > capacity; // the queue holds pairs
    }

    /** Takes no more events; what is queued is still written. */
    public void finish() {
        lock.lock();
        try {
            closing = true;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        start();
    }

    /**
     * Waits, at most {@code timeoutMillis}, until the writer has ended after {@link #finish}: true
     * when nothing is left to write (all of it written, or the peer gone), false if the time ran out.
     */
    public boolean awaitDrained(long timeoutMillis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (scheduled && left > 0) {
                left = progress.awaitNanos(left);
            }
            return !scheduled;
        } finally {
            lock.unlock();
        }
    }

    public boolean overflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a queue is held (for the tests: an idle outbox holds none). */
    boolean holdsQueue() {
        lock.lock();
        try {
            return queue != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer: takes the whole queue, writes it, again until the queue is empty; then it ends, and
     * the outbox holds no queue. The batch written is handed back as the next queue, so a busy writer
     * swaps two arrays: the one its first event made, and one made by the first event queued while it
     * wrote that first batch.
     */
    private void drain() {
        Object[] spare = null;
        try {
            while (true) {
                Object[] batch;
                int count;
                lock.lock();
                try {
                    if (queued == 0) {
                        queue = null;
                        scheduled = started = false;
                        progress.signalAll();
                        return;
                    }
                    batch = queue;
                    count = queued;
                    queue = spare;
                    queued = 0;
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
                write(batch, count);
                Arrays.fill(batch, 0, count, null); // the envelopes written are let go
                spare = batch;
            }
        } catch (IOException | RuntimeException e) {
            onBroken.run(); // wakes the reader, so that the session ends; before the writer is seen to end
            lock.lock();
            try {
                closing = true; // the peer cannot be written to: nothing more will reach it
                queue = null;
                queued = 0;
                scheduled = started = false;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            if (e instanceof RuntimeException bug) {
                throw bug;
            }
        }
    }

    /**
     * Encodes the {@code count} slots of a batch and writes them: one event's bytes straight from its
     * envelope (shared by every recipient), several copied into one buffer so that the socket is written
     * once per buffer's worth. The encodings take the codecs' slots, which are no longer needed. The
     * buffer is lent for this batch by {@link Buffers#forWrite}: one made per batch was 80 % of what the
     * server allocated under fan-out (async-profiler's allocation samples), a young collection every half
     * second.
     */
    private void write(Object[] batch, int count) throws IOException {
        if (count == 2) {
            out.write(((Codec) batch[1]).encode((Envelope) batch[0]));
            return;
        }
        long total = 0;
        for (int i = 0; i < count; i += 2) {
            byte[] bytes = ((Codec) batch[i + 1]).encode((Envelope) batch[i]);
            batch[i + 1] = bytes;
            total += bytes.length;
        }
        Buffers lender = Buffers.forWrite(total);
        byte[] buffer = lender.take();
        try {
            copyAndWrite(batch, count, buffer);
        } finally {
            lender.give(buffer);
        }
    }

    private void copyAndWrite(Object[] batch, int count, byte[] buffer) throws IOException {
        int size = buffer.length;
        int filled = 0;
        for (int i = 1; i < count; i += 2) {
            byte[] bytes = (byte[]) batch[i];
            if (bytes.length > size - filled) {
                out.write(buffer, 0, filled);
                filled = 0;
                if (bytes.length >= size) {
                    out.write(bytes);
                    continue;
                }
            }
            System.arraycopy(bytes, 0, buffer, filled, bytes.length);
            filled += bytes.length;
        }
        if (filled > 0) {
            out.write(buffer, 0, filled);
        }
    }
}
