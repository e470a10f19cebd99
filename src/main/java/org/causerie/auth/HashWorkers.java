package org.causerie.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every password hash of the server runs here: a fixed number of platform threads (fewer than the
 * cores, so that chat always keeps one) behind a queue of bounded length. A hash that finds the queue
 * full is refused at once with {@link Busy}: a flood of logins costs the server at most its workers'
 * CPU and the queue's waiting callers, never a thread or 19 MiB per attempt. The caller (a connection's
 * virtual thread) blocks until its hash is done, so the read path stays top to bottom.
 *
 * <p>{@link #running()} and {@link #peak()} count the hashes running at once, for tests and operators.
 */
public final class HashWorkers implements AutoCloseable {
    /** The queue is full: the caller is told to try again later. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("every password worker is busy", null, false, false);
        }
    }

    private final Passwords passwords;
    private final int workers;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public HashWorkers(Passwords passwords, int workers, int queue) {
        if (workers < 1 || queue < 0) {
            throw new IllegalArgumentException("at least one hash worker, and a queue of zero or more");
        }
        this.passwords = passwords;
        this.workers = workers;
        var numbers = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                task -> Thread.ofPlatform().daemon().name("hash-" + numbers.incrementAndGet()).unstarted(task),
                new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true); // an idle server holds no hash thread
    }

    /** The default number of workers: half the cores, at least one (one on two cores). */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public String hash(String password) {
        return run(() -> passwords.hash(password));
    }

    /** As {@link Passwords#verify}: a null stored hash is checked against a decoy, at the same cost. */
    public boolean verify(String password, String stored) {
        return run(() -> passwords.verify(password, stored));
    }

    private <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = pool.submit(() -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return work.call();
                } finally {
                    running.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            throw new Busy();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new Busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public int workers() {
        return workers;
    }

    /** Hashes running now. */
    public int running() {
        return running.get();
    }

    /** The most hashes that ever ran at once. */
    public int peak() {
        return peak.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
