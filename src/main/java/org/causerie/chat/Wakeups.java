package org.causerie.chat;

import java.util.ArrayList;

/**
 * Writers to wake once the work at hand is done, rather than once per event. A connection's reader
 * opens a batch for the lines one read brought (and flushes it early if it must wait meanwhile, for
 * room in its outbox or for its rate); the journal opens one per group of commits. An outbox that gets work while
 * a batch is open on the current thread asks to be woken at the flush, once, however many events it
 * received in between: a sender whose read brought five lines wakes each member's writer once, not five
 * times, and no writer is woken while a room lock is held.
 *
 * <p>Waking late never loses anything: the events are queued already, and an outbox whose owner must
 * wait on it wakes its own writer (see the net package's {@code Outbox}). Only the current thread sees
 * its batch (a {@link ScopedValue}), so a batch needs no lock.
 */
public final class Wakeups {
    private static final ScopedValue<Wakeups> CURRENT = ScopedValue.newInstance();

    private final ArrayList<Runnable> pending = new ArrayList<>();

    /**
     * Runs {@code work} with a batch open on this thread, flushes the batch at the end whatever happens,
     * and returns what the work returned.
     */
    public static <T, X extends Throwable> T open(ScopedValue.CallableOp<T, X> work) throws X {
        var wakeups = new Wakeups();
        try {
            return ScopedValue.where(CURRENT, wakeups).call(work);
        } finally {
            wakeups.flush();
        }
    }

    /** Runs {@code work} with a batch open on this thread, and flushes the batch at the end whatever happens. */
    public static void open(Runnable work) {
        open(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code wake} at the flush of the batch open on this thread, or now if none is open. */
    public static void later(Runnable wake) {
        if (CURRENT.isBound()) {
            CURRENT.get().pending.add(wake);
        } else {
            wake.run();
        }
    }

    /** Flushes the batch open on this thread, if any: call before waiting on anything. */
    public static void flushCurrent() {
        if (CURRENT.isBound()) {
            CURRENT.get().flush();
        }
    }

    private void flush() {
        for (Runnable wake : pending) {
            wake.run();
        }
        pending.clear();
    }
}
