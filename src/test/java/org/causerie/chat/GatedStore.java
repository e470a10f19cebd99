package org.causerie.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.causerie.store.Entry;
import org.causerie.store.MemoryStore;
import org.causerie.store.StoreException;

/**
 * A real store in memory whose {@link #append} can be held at its door: a test sees what the journal
 * does while a commit has not returned. Closed, each append waits for one {@link #release}; open (the
 * default), it goes straight through. It can also be made to fail, as a full disk would. Every other
 * call is the memory store's own.
 */
final class GatedStore extends MemoryStore {
    private final Semaphore permits = new Semaphore(0);
    private volatile boolean gated;
    private volatile boolean failing;
    /** Every append call's entries, in the order the calls came. */
    final List<List<Entry>> appends = new CopyOnWriteArrayList<>();
    /** Appends that have entered and not yet returned. */
    final Semaphore waiting = new Semaphore(0);

    /** From now on each append waits for a {@link #release}. */
    void close(boolean gated) {
        this.gated = gated;
    }

    /** Lets {@code count} waiting (or future) appends through. */
    void release(int count) {
        permits.release(count);
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void append(List<Entry> entries) {
        appends.add(List.copyOf(entries));
        if (gated) {
            waiting.release();
            permits.acquireUninterruptibly();
        }
        if (failing) {
            throw new StoreException("the disk is full (a test)", null);
        }
        super.append(entries);
    }
}
