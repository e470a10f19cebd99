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
 * arrived while the previous transaction ran and writes it in one transaction, then hands what it
 * wrote, as data, to the {@link Outcome} (the hub's {@link Relay}, which publishes it on the bus), in
 * the order it was submitted.
 *
 * <p>Numbering: a single node numbers messages itself, in memory, before they are submitted. A node of
 * a cluster ({@link #counted}) submits them with id 0 and the store numbers them in the commit's own
 * transaction, from a counter row per room or conversation: gapless and in commit order across nodes.
 *
 * <p>Order: a room submits its messages while holding its lock, so the queue holds each room's
 * messages in id order, and the single committer delivers them in that order. Submitting never blocks
 * (it must not: the caller holds a room lock); the bound on pending work is taken before the lock,
 * with {@link #reserve}, so a slow store slows the senders down instead of filling the memory.
 *
 * <p>Each submission is held against its sender ({@link Session#held}) from {@link #submit} until its
 * outcome has been delivered (its echo queued, or its failure told), so that the sender's reader counts
 * the echoes still to come as if they were queued already (docs/concurrency.md, guarantee 4).
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    /** Messages accepted but not yet committed, at most; a sender past it waits for the store. */
    public static final int MAX_PENDING = 16_384;
    /** The largest group in one transaction. */
    static final int MAX_GROUP = 2_048;

    /**
     * What becomes of what was submitted, once its transaction ended: called by the committer thread, in
     * submission order, with the entries as written (numbered, in a cluster).
     */
    interface Outcome {
        void committed(List<Entry> entries, Session from, String to, boolean away);

        void failed(List<Entry> entries, Session from);
    }

    /**
     * One submission: its entries, who sent them and to whom (a private message's recipient identity,
     * else null), whether that recipient is away (connected nowhere); {@code marker} is set only for
     * {@link #flush}, which waits for it.
     */
    private record Pending(List<Entry> entries, Session from, String to, boolean away, Runnable marker,
            boolean reserved) {}

    private static final Pending STOP = new Pending(List.of(), null, null, false, () -> { }, true);

    private final Store store;
    /** Whether the store numbers the messages (a cluster); see the class comment. */
    private final boolean counted;
    /** Set once by the hub before the first submission. */
    private volatile Outcome outcome;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_PENDING);
    /** Null when inline: the store keeps nothing on disk, so there is nothing to wait for. */
    private final Thread committer;

    private Journal(Store store, boolean grouped, boolean counted) {
        this.store = store;
        this.counted = counted;
        this.committer = grouped ? Thread.ofPlatform().name("journal").daemon().start(this::run) : null;
    }

    /** A journal with a committer thread that groups commits, for a store that writes to disk. */
    public static Journal grouped(Store store) {
        return new Journal(store, true, false);
    }

    /** A grouped journal whose store numbers the messages in the commit: for a node of a cluster. */
    public static Journal counted(Store store) {
        return new Journal(store, true, true);
    }

    /** Whether messages are submitted unnumbered, for the store to number. */
    boolean counted() {
        return counted;
    }

    /** Sets where committed entries go; the hub calls it once, before anything is submitted. */
    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }

    /**
     * A journal that appends and delivers in the caller's thread, for a store in memory: its append
     * is a map insertion, so it may run under the room lock, and delivery skips a thread hop.
     */
    public static Journal inline(Store store) {
        return new Journal(store, false, false);
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

    /**
     * Queues entries sent by {@code from} (to the identity {@code to}, away or not, for a private message)
     * for the next commit; never blocks. Uses the place taken by {@link #reserve}.
     */
    void submit(List<Entry> entries, Session from, String to, boolean away) {
        var pending = new Pending(entries, from, to, away, null, true);
        from.held(); // released by commit, after the outcome: the sender's reader counts it meanwhile
        if (committer == null) {
            commit(List.of(pending), entries);
            room.release();
        } else {
            queue.add(pending);
        }
    }

    /**
     * Queues a room event (a join, a part, a topic...) of a cluster's room for the next commit, where the
     * store gives it its place in the room's sequence; never blocks, and takes no place in the bound:
     * room events are few, and the caller holds the room's lock.
     */
    void submitEvent(Entry.RoomEvent event) {
        if (committer == null || !counted) {
            throw new IllegalStateException("room events are sequenced by a cluster's journal only");
        }
        queue.add(new Pending(List.of(event), null, null, false, null, false));
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
        queue.add(new Pending(List.of(), null, null, false, done::countDown, true));
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
            int reserved = 0;
            for (Pending pending : group) {
                entries.addAll(pending.entries());
                reserved += pending.reserved() ? 1 : 0;
            }
            Wakeups.open(() -> commit(group, entries)); // each writer is woken once per group
            room.release(reserved);
            group.clear();
            entries.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Pending> group, List<Entry> entries) {
        boolean durable;
        List<Entry> written = entries;
        try {
            if (!entries.isEmpty()) {
                long start = System.nanoTime();
                if (counted) {
                    written = store.appendCounted(entries);
                } else {
                    store.append(entries);
                }
                org.causerie.metrics.Meters.COMMIT.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                org.causerie.metrics.Meters.GROUP.record(entries.size());
            }
            durable = true;
        } catch (RuntimeException e) { // StoreException, or a bug: either way nothing was committed
            log.error("journal_commit_failed entries={}", entries.size(), e);
            org.causerie.metrics.Meters.STORE_ERRORS.increment();
            durable = false;
        }
        int at = 0;
        for (Pending pending : group) {
            int size = pending.entries().size();
            try {
                if (pending.marker() != null) {
                    pending.marker().run();
                } else if (durable) {
                    outcome.committed(counted ? written.subList(at, at + size) : pending.entries(), pending.from(),
                            pending.to(), pending.away());
                } else {
                    outcome.failed(pending.entries(), pending.from());
                }
            } catch (RuntimeException e) {
                log.error("journal_delivery_failed", e);
            } finally {
                if (pending.reserved() && pending.from() != null) { // a submission, held by submit
                    pending.from().released();
                }
            }
            at += size;
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
