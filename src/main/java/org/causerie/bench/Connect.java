package org.causerie.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code connect} scenario: N bots connect and register (at most {@code concurrency} handshakes at
 * once), then stay idle. Reported: the time until the last one was registered, and what the server pays
 * per connection: resident memory from {@code /proc} beyond what it had empty, and, where the server
 * can say, its own count (a JVM's live heap after a full GC; Redis's {@code used_memory}).
 */
final class Connect {
    private static final int BUFFER = 1024;

    private Connect() {}

    /**
     * @param hold how long the bots stay idle, connected, before the memory is read (the server's
     *             allocator and collector settle)
     */
    record Settings(Target target, Wire wire, int connections, int concurrency, Duration hold, Duration setupTimeout,
            Long serverPid) {}

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
            Thread.sleep(settings.hold());
            ProcessStats full = ProcessStats.ofOrNull(settings.serverPid());
            long fullHeap = selfReported(settings);
            ProcessStats afterGc = ProcessStats.ofOrNull(settings.serverPid());
            report.put("lost_connections", crowd.lost()).put("lost_reason", crowd.lostReason());
            int held = opened.registered() - crowd.lost();
            report.put("held", held);
            if (empty != null && full != null) {
                report.put("server_rss_empty_bytes", empty.rssBytes()).put("server_rss_bytes", full.rssBytes())
                        .put("rss_per_connection_bytes", perConnection(full.rssBytes() - empty.rssBytes(), held));
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
