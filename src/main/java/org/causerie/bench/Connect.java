package org.causerie.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code connect} scenario: N bots connect and register (at most {@code concurrency} handshakes at
 * once), then stay idle. Reported: the time until the last one was registered, and what the server pays
 * per connection: resident memory from {@code /proc} beyond what it had empty, read twice, {@code hold}
 * after the last bot registered (the flood's garbage still in the heap) and {@code settle} after it (an
 * idle server, once its own periodic collection has had its chance: longer than the launcher's
 * {@code G1PeriodicGCInterval}), neither after a collection asked by this tool; and, where the server
 * can say, its own count (a JVM's live heap after a full GC, asked only after both reads; Redis's
 * {@code used_memory}).
 */
final class Connect {
    private static final int BUFFER = 1024;

    private Connect() {}

    /**
     * @param hold   how long after the last bot registered the memory is read first (the flood's garbage)
     * @param settle how long after it the memory is read again, the bots still idle (what an idle server
     *               holds); not read when it is no longer than {@code hold}
     */
    record Settings(Target target, Wire wire, int connections, int concurrency, Duration hold, Duration settle,
            Duration setupTimeout, Long serverPid) {}

    static boolean run(Settings settings, Report report) throws InterruptedException {
        int n = settings.connections();
        report.put("connections", n).put("concurrency", settings.concurrency())
                .put("sources", (n - 1) / settings.target().perSource() + 1);
        long emptyHeap = selfReported(settings);
        ProcessStats empty = ProcessStats.ofOrNull(settings.serverPid());
        long epoch = System.nanoTime();
        String prefix = "" + (char) ('a' + ThreadLocalRandom.current().nextInt(26));
        try (var crowd = new Crowd(settings.target(), settings.wire(), n, epoch)) {
            var opened = crowd.open(i -> prefix + i, BUFFER, settings.concurrency(), 0, settings.setupTimeout());
            report.put("registered", opened.registered()).put("failed", opened.failed())
                    .put("connect_s", opened.seconds()).put("connect_per_s", opened.registered() / opened.seconds())
                    .put("connect_retries", opened.retries())
                    .put("first_failure", opened.firstFailure());
            long flooded = System.nanoTime();
            Thread.sleep(settings.hold());
            ProcessStats full = ProcessStats.ofOrNull(settings.serverPid());
            ProcessStats settled = null;
            if (settings.settle().compareTo(settings.hold()) > 0) {
                Thread.sleep(Duration.ofNanos(Math.max(0, flooded + settings.settle().toNanos() - System.nanoTime())));
                settled = ProcessStats.ofOrNull(settings.serverPid());
                report.put("settle_s", settings.settle().toNanos() / 1e9);
            }
            long fullHeap = selfReported(settings);
            ProcessStats afterGc = ProcessStats.ofOrNull(settings.serverPid());
            report.put("lost_connections", crowd.lost()).put("lost_reason", crowd.lostReason());
            int held = opened.registered() - crowd.lost();
            report.put("held", held);
            if (empty != null && full != null) {
                report.put("server_rss_empty_bytes", empty.rssBytes()).put("server_rss_bytes", full.rssBytes())
                        .put("rss_per_connection_bytes", perConnection(full.rssBytes() - empty.rssBytes(), held));
            }
            if (empty != null && settled != null) {
                report.put("server_rss_settled_bytes", settled.rssBytes())
                        .put("rss_settled_per_connection_bytes", perConnection(settled.rssBytes() - empty.rssBytes(), held));
            }
            if (empty != null && afterGc != null && fullHeap >= 0 && !(settings.wire() instanceof RedisWire)) {
                report.put("server_rss_after_gc_bytes", afterGc.rssBytes())
                        .put("rss_after_gc_per_connection_bytes", perConnection(afterGc.rssBytes() - empty.rssBytes(), held));
            }
            if (emptyHeap >= 0 && fullHeap >= 0) {
                report.put(heapKey(settings) + "_empty_bytes", emptyHeap).put(heapKey(settings) + "_bytes", fullHeap)
                        .put(heapKey(settings) + "_per_connection_bytes", perConnection(fullHeap - emptyHeap, held));
            }
            if (Traffic.limited(report, crowd)) {
                return false;
            }
            if (opened.failed() > 0) {
                return Traffic.failed(report, opened.failed() + " of " + n + " bots did not register: " + opened.firstFailure());
            }
            return true;
        }
    }

    private static Double perConnection(long bytes, int connections) {
        return connections > 0 ? (double) bytes / connections : null;
    }

    /** What the server says it uses: a JVM's live heap, Redis's used_memory; -1 when it cannot say. */
    private static long selfReported(Settings settings) {
        if (settings.wire() instanceof RedisWire) {
            return RedisWire.usedMemory(settings.target());
        }
        return settings.serverPid() == null ? -1 : ServerHeap.liveBytes(settings.serverPid());
    }

    private static String heapKey(Settings settings) {
        return settings.wire() instanceof RedisWire ? "server_used_memory" : "server_heap";
    }
}
