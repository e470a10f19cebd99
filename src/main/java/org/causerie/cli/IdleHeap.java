package org.causerie.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A heap that is roomy while the server is busy and tight once it is idle.
 *
 * <p>G1 resizes its heap at the end of each concurrent cycle so that between {@code MinHeapFreeRatio}
 * and {@code MaxHeapFreeRatio} percent of it is free. Tight ratios (5 and 15 in bin/jvm-options) are what
 * give an idle server's memory back after a flood of connections or joins; kept under load, they shrink the heap,
 * and the young generation with it, at every cycle, and the server pays with more collections (about a
 * tenth more CPU per delivery at fan-out to 100 members: docs/performance.md). Both flags can be changed
 * while the JVM runs, so this class sets the idle ratios once no collection caused by allocation has come
 * for {@code quiet}, and puts the JVM's own back at the first one that comes. An idle server then gets
 * G1's periodic collection ({@code G1PeriodicGCInterval} in bin/jvm-options), which shrinks the heap with
 * the idle ratios; a busy one keeps the room it grew.
 *
 * <p>Started by {@code causerie server} when the launcher asks for it with
 * {@code -Dcauserie.idle-heap-free=MIN,MAX} (bin/jvm-options) and the collector is G1; one per process.
 */
final class IdleHeap implements NotificationListener, AutoCloseable {
    static final String PROPERTY = "causerie.idle-heap-free";
    private static final Logger log = LoggerFactory.getLogger(IdleHeap.class);
    private static final String YOUNG = "G1 Young Generation";
    /** Causes of a young collection that allocation did not ask for. */
    private static final List<String> NOT_ALLOCATION = List.of("G1 Periodic Collection", "System.gc()");

    private final HotSpotDiagnosticMXBean flags;
    private final int idleMin;
    private final int idleMax;
    private final int busyMin;
    private final int busyMax;
    private final Duration quiet;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    /** Young collections asked by allocation so far; written by the JMX notification thread. */
    private final AtomicLong allocationPauses = new AtomicLong();
    private final Thread watch;
    private volatile boolean tight;

    private IdleHeap(HotSpotDiagnosticMXBean flags, int idleMin, int idleMax, Duration quiet) {
        this.flags = flags;
        this.idleMin = idleMin;
        this.idleMax = idleMax;
        this.busyMin = Integer.parseInt(flags.getVMOption("MinHeapFreeRatio").getValue());
        this.busyMax = Integer.parseInt(flags.getVMOption("MaxHeapFreeRatio").getValue());
        this.quiet = quiet;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
        this.watch = Thread.ofVirtual().name("idle-heap").start(this::watch);
    }

    /**
     * Starts the watch when {@code -Dcauserie.idle-heap-free=MIN,MAX} is set and the JVM runs G1; else
     * returns null (and says why in the log when the property was set but cannot be honoured).
     */
    static IdleHeap startIfAsked() {
        String asked = System.getProperty(PROPERTY);
        if (asked == null || asked.isBlank()) {
            return null;
        }
        try {
            String[] parts = asked.split(",");
            int min = Integer.parseInt(parts[0].strip());
            int max = Integer.parseInt(parts[1].strip());
            return start(min, max, Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            log.warn("idle_heap_off reason=\"{}\" property=\"{}\"", e.getMessage(), asked);
            return null;
        }
    }

    /** Starts the watch with these idle ratios; throws if the collector is not G1 or the ratios are wrong. */
    static IdleHeap start(int idleMin, int idleMax, Duration quiet) {
        if (idleMin < 0 || idleMax > 100 || idleMin > idleMax) {
            throw new IllegalArgumentException("idle heap free ratios are 0 <= MIN <= MAX <= 100, not "
                    + idleMin + "," + idleMax);
        }
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(c -> c.getName().equals(YOUNG));
        if (!g1) {
            throw new IllegalStateException("the collector is not G1");
        }
        return new IdleHeap(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), idleMin, idleMax, quiet);
    }

    /** Whether the idle ratios are set now. */
    boolean tight() {
        return tight;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (info.getGcName().equals(YOUNG) && !NOT_ALLOCATION.contains(info.getGcCause())) {
            allocationPauses.incrementAndGet();
        }
    }

    private void watch() {
        long seen = allocationPauses.get();
        long quietSince = System.nanoTime();
        try {
            while (true) {
                Thread.sleep(quiet.dividedBy(4));
                long now = System.nanoTime();
                long pauses = allocationPauses.get();
                if (pauses != seen) {
                    seen = pauses;
                    quietSince = now;
                    if (tight) {
                        set(false);
                    }
                } else if (!tight && now - quietSince >= quiet.toNanos()) {
                    set(true);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Sets the idle or the busy ratios, in the order that keeps MinHeapFreeRatio <= MaxHeapFreeRatio. */
    private synchronized void set(boolean idle) {
        if (idle) {
            flags.setVMOption("MinHeapFreeRatio", Integer.toString(Math.min(idleMin, busyMax)));
            flags.setVMOption("MaxHeapFreeRatio", Integer.toString(idleMax));
            flags.setVMOption("MinHeapFreeRatio", Integer.toString(idleMin));
        } else {
            flags.setVMOption("MaxHeapFreeRatio", Integer.toString(Math.max(busyMax, idleMin)));
            flags.setVMOption("MinHeapFreeRatio", Integer.toString(busyMin));
            flags.setVMOption("MaxHeapFreeRatio", Integer.toString(busyMax));
        }
        tight = idle;
        log.debug("idle_heap tight={}", idle);
    }

    /** Stops watching and puts the JVM's own ratios back. */
    @Override
    public void close() {
        watch.interrupt();
        try {
            watch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // not there: nothing to remove
            }
        }
        if (tight) {
            set(false);
        }
    }
}
