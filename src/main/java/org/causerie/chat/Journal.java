package org.causerie.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.causerie.store.Entry;
import org.causerie.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable before delivered: a message is committed to the store before anyone receives it, so a crash
 * loses nothing a client has seen. Commits are grouped: one committer thread takes everything that
 * arrived while the previous transaction ran and writes it in one transaction, then runs the
 * deliveries in the order they were submitted.
 *
 * <p>Order: a room submits its messages while holding its lock, so the queue holds each room's
 * messages in id order, and the single committer delivers them in that order. Submitting never blocks
 * (it must not: the caller holds a room lock); the bound on pending work is taken before the lock,
 * with {@link #reserve}, so a slow store slows the senders down instead of filling the memory.
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    /** Messages accepted but not yet committed, at most; a sender past it waits for the store. */
    public static final int MAX_PENDING = 16_384;
    /** The largest group in one transaction. */
    static final int MAX_GROUP = 2_048;

    /** One submission: its entries, then what to do once they are durable, or if they cannot be. */
    private record Pending(List<Entry> entries, Runnable delivered, Runnable failed) {}

    private static final Pending STOP = new Pending(List.of(), () -> { }, () -> { });

    private final Store store;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_PENDING);
    /** Null when inline: the store keeps nothing on disk, so there is nothing to wait for. */
    private final Thread committer;

    private Journal(Store store, boolean grouped) {
        this.store = store;
        this.committer = grouped ? Thread.ofPlatform().name("journal").daemon().start(this::run) : null;
    }

    /** A journal with a committer thread that groups commits, for a store that writes to disk. */
    public static Journal grouped(Store store) {
        return new Journal(store, true);
    }

    /**
     * A journal that appends and delivers in the caller's thread, for a store in memory: its append
     * is a map insertion, so it may run under the room lock, and delivery skips a thread hop.
     */
    public static Journal inline(Store store) {
        return new Journal(store, false);
    }

    public Store store() {
        return store;
    }

    /** Takes one place in the journal; call before taking the lock {@link #submit} will be called under. */
    void reserve() {
        if (!room.tryAcquire()) {
            Wakeups.flushCurrent(); // about to wait for the store: what is queued goes out meanwhile
            room.acquireUninterruptibly();
        }
    }

    /** Gives back a place taken by {@link #reserve} that will not be used (the post was refused). */
    void unreserve() {
        room.release();
    }

    /** Queues entries for the next commit; never blocks. Uses the place taken by {@link #reserve}. */
    void submit(List<Entry> entries, Runnable delivered, Runnable failed) {
        var pending = new Pending(entries, delivered, failed);
        if (committer == null) {
            commit(List.of(pending), entries);
            room.release();
        } else {
            queue.add(pending);
        }
    }

    /**
     * Waits (at most {@code timeout}) until everything submitted before this call has been committed
     * and delivered: a session that leaves first sees the echo of what it sent.
     */
    void flush(java.time.Duration timeout) {
        if (committer == null || !committer.isAlive()) {
            return; // inline: everything submitted is delivered already; closed: nothing will be
        }
        var done = new java.util.concurrent.CountDownLatch(1);
        room.acquireUninterruptibly();
        queue.add(new Pending(List.of(), done::countDown, done::countDown));
        try {
            done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        var group = new ArrayList<Pending>();
        var entries = new ArrayList<Entry>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only STOP ends the loop, so that nothing accepted is dropped
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(STOP);
            for (Pending pending : group) {
                entries.addAll(pending.entries());
            }
            Wakeups.open(() -> commit(group, entries)); // each writer is woken once per group
            room.release(group.size());
            group.clear();
            entries.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> group, List<Entry> entries) {
        boolean durable;
        try {
            if (!entries.isEmpty()) {
                long start = System.nanoTime();
                store.append(entries);
                org.causerie.metrics.Meters.COMMIT.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                org.causerie.metrics.Meters.GROUP.record(entries.size());
            }
            durable = true;
        } catch (RuntimeException e) { // StoreException, or a bug: either way nothing was committed
            log.error("journal_commit_failed entries={}", entries.size(), e);
            org.causerie.metrics.Meters.STORE_ERRORS.increment();
            durable = false;
        }
        for (Pending pending : group) {
            try {
                (durable ? pending.delivered() : pending.failed()).run();
            } catch (RuntimeException e) {
                log.error("journal_delivery_failed", e);
            }
        }
    }

    /** Commits and delivers everything submitted so far, then stops the committer. */
    @Override
    public void close() {
        if (committer == null) {
            return;
        }
        queue.add(STOP);
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
