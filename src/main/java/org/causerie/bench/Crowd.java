package org.causerie.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Many bots of one run: opens them (at most {@code concurrency} handshakes at once, as a crowd arriving
 * at a server), has them join their rooms, and knows which are still there. Deliveries go to the
 * {@link Meter} once one is set. Every wait has a deadline.
 */
final class Crowd implements LinkEvents, AutoCloseable {
    private final Target target;
    private final Wire wire;
    private final long epoch;
    /** Where deliveries are counted; null until the senders start (what comes before is not measured). */
    private volatile Meter meter;
    private final Link[] links;
    private final CountDownLatch[] registered;
    private final CountDownLatch[] joined;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicReference<String> lostReason = new AtomicReference<>();
    private final AtomicInteger limited = new AtomicInteger();
    private final AtomicReference<String> limitedBy = new AtomicReference<>();
    /** When the last line without payload arrived, in nanoseconds since the epoch. */
    private volatile long lastChatter;
    private volatile boolean closing;

    Crowd(Target target, Wire wire, int size, long epoch) {
        this.target = target;
        this.wire = wire;
        this.epoch = epoch;
        this.links = new Link[size];
        this.registered = new CountDownLatch[size];
        this.joined = new CountDownLatch[size];
        for (int i = 0; i < size; i++) {
            registered[i] = new CountDownLatch(1);
            joined[i] = new CountDownLatch(1);
        }
    }

    /**
     * The outcome of opening: how many bots are registered, how long it took, how many connects had to
     * be tried again, and the first failure.
     */
    record Opened(int registered, int failed, double seconds, int retries, String firstFailure) {}

    /**
     * Opens and registers bots {@code 0..size-1} (named by {@code nicks}); bot {@code i} connects from
     * {@link Target#source}{@code (sourceOffset + i)}. Returns when each is registered or has failed.
     */
    Opened open(IntFunction<String> nicks, int bufferSize, int concurrency, int sourceOffset, Duration timeout)
            throws InterruptedException {
        var next = new AtomicInteger();
        var failed = new AtomicInteger();
        var firstFailure = new AtomicReference<String>();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(concurrency, links.length); w++) {
            workers.add(Thread.ofVirtual().name("dialer-" + w).start(() -> {
                for (int i = next.getAndIncrement(); i < links.length && !closing; i = next.getAndIncrement()) {
                    String failure = openOne(i, nicks.apply(i), bufferSize, sourceOffset, deadline);
                    if (failure != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(5)));
        }
        int ok = 0;
        for (CountDownLatch latch : registered) {
            ok += latch.getCount() == 0 ? 1 : 0;
        }
        return new Opened(ok, links.length - ok, (System.nanoTime() - start) / 1e9, retries.get(),
                firstFailure.get() == null && ok < links.length ? "timed out" : firstFailure.get());
    }

    /**
     * Connects bot {@code i}, again after a refusal or a connect timeout (as a client would: a server
     * whose accept queue is full drops the handshake), until it is registered or the deadline passes.
     */
    private String openOne(int i, String nick, int bufferSize, int sourceOffset, long deadline) {
        String failure = null;
        while (System.nanoTime() < deadline && !closing) {
            try {
                links[i] = Link.open(target, target.source(sourceOffset + i), i, nick, bufferSize, wire, this, epoch);
                if (!registered[i].await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    String last = links[i].lastLine();
                    return "not registered in time (" + (last == null ? "nothing received" : "last line: " + last) + ")";
                }
                if (!links[i].isRegistered()) { // closed by the server first: see closed()
                    String last = links[i].lastLine();
                    return "closed by the server before registering" + (last == null ? "" : " (last line: " + last + ")");
                }
                return null;
            } catch (ConnectException | SocketTimeoutException e) {
                failure = "connect: " + e.getMessage();
                retries.incrementAndGet();
                try {
                    Thread.sleep(RETRY_PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            } catch (IOException e) {
                return "connect: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (RuntimeException e) {
                return e.toString();
            }
        }
        return failure == null ? "not connected in time" : failure;
    }

    /** Has bot {@code i} join {@code rooms.apply(i)} (skipped where null); true if all are in by the deadline. */
    boolean join(IntFunction<String> rooms, int concurrency, Duration timeout) throws InterruptedException {
        var next = new AtomicInteger();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> workers = new ArrayList<>();
        var allIn = new AtomicBoolean(true);
        for (int w = 0; w < Math.min(concurrency, links.length); w++) {
            workers.add(Thread.ofVirtual().name("joiner-" + w).start(() -> {
                for (int i = next.getAndIncrement(); i < links.length && !closing; i = next.getAndIncrement()) {
                    String room = rooms.apply(i);
                    if (room == null) {
                        joined[i].countDown();
                        continue;
                    }
                    try {
                        links[i].join(room);
                        if (!joined[i].await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            allIn.set(false);
                        }
                    } catch (IOException e) {
                        allIn.set(false);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        allIn.set(false);
                        return;
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(5)));
        }
        return allIn.get() && next.get() >= links.length;
    }

    /**
     * Waits until no line without payload has arrived for {@code quiet} (the join announcements of a
     * thousand members take a while to reach everyone), or until {@code limit}.
     */
    void settle(Duration quiet, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            long silent = System.nanoTime() - epoch - lastChatter;
            if (silent >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(Duration.ofNanos(Math.min(quiet.toNanos() - silent, end - System.nanoTime()) + 1));
        }
    }

    /** Counts deliveries from now on in {@code meter}. */
    void measure(Meter meter) {
        this.meter = meter;
    }

    Link link(int i) {
        return links[i];
    }

    int size() {
        return links.length;
    }

    /** Bots whose connection ended while the run was on. */
    int lost() {
        return lost.get();
    }

    String lostReason() {
        return lostReason.get();
    }

    /** How many times the server said it was limiting a bot of this crowd, and the first thing it said. */
    int limited() {
        return limited.get();
    }

    String limitedBy() {
        return limitedBy.get();
    }

    @Override
    public void close() {
        closing = true;
        for (Link link : links) {
            if (link != null) {
                link.close();
            }
        }
    }

    @Override
    public void registered(Link link) {
        link.registered();
        registered[link.index()].countDown();
    }

    @Override
    public void joined(Link link, String room) {
        joined[link.index()].countDown();
    }

    @Override
    public void delivered(Link link, int sender, long stamp, long now) {
        Meter current = meter;
        if (current != null) {
            current.delivered(link.index(), sender, stamp, now);
        }
    }

    @Override
    public void chatter(Link link) {
        lastChatter = System.nanoTime() - epoch;
    }

    @Override
    public void limited(Link link, String what) {
        limited.incrementAndGet();
        limitedBy.compareAndSet(null, "bot " + link.index() + ": " + what);
    }

    /** A bot the server closes before it registered stops its wait at once: it will not register now. */
    @Override
    public void closed(Link link, String why) {
        if (!link.isRegistered()) {
            registered[link.index()].countDown();
        }
        if (why != null && !closing) {
            lost.incrementAndGet();
            lostReason.compareAndSet(null, "bot " + link.index() + ": " + why);
        }
    }
}
