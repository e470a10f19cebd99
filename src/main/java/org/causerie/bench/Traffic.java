package org.causerie.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The traffic scenarios ({@code fanout}, {@code rooms}, {@code private}): bots placed by a {@link Plan}
 * send stamped messages for a warm-up then a measured window, and the {@link Meter} counts what
 * arrives. One run, bounded: every phase has a deadline, the senders stop by themselves at the end of
 * the window or after {@code maxMessages}, and every connection is closed before it returns.
 */
final class Traffic {
    private static final int BUFFER = 16 * 1024;
    /** How long no handshake line may arrive before the run starts: the joins have reached everyone. */
    private static final Duration QUIET = Duration.ofMillis(500);

    private Traffic() {}

    /**
     * @param rate        messages per second from all senders together, or 0 for as fast as each
     *                    sender's window allows
     * @param window      messages a sender may have in flight (sent, not yet at its probe)
     * @param maxMessages messages all senders may send in the run, warm-up included
     */
    record Settings(Target target, Wire wire, Plan plan, int size, double rate, int window, Duration warmup,
            Duration duration, Duration drain, long maxMessages, int concurrency, Duration setupTimeout,
            List<Long> serverPids) {}

    /** Runs once and adds the figures to {@code report}; returns false if the run could not be made. */
    static boolean run(Settings settings, Report report) throws InterruptedException {
        Plan plan = settings.plan();
        Wire wire = settings.wire();
        long epoch = System.nanoTime();
        String prefix = nickPrefix();
        report.put("bots", plan.bots()).put("rooms", plan.rooms()).put("members", plan.members())
                .put("senders", plan.senders().length).put("size_bytes", settings.size())
                .put("rate_per_s", settings.rate() > 0 ? settings.rate() : null).put("window", settings.window())
                .put("warmup_s", settings.warmup().toMillis() / 1e3).put("duration_s", settings.duration().toMillis() / 1e3);
        try (var members = new Crowd(settings.target(), wire, plan.bots(), epoch);
                var publishers = new Crowd(settings.target(), wire, wire.publishesApart() ? plan.senders().length : 0, epoch)) {
            long setupStart = System.nanoTime();
            var opened = members.open(i -> prefix + i, BUFFER, settings.concurrency(), 0, settings.setupTimeout());
            report.put("connect_s", opened.seconds()).put("connect_retries", opened.retries());
            if (opened.failed() > 0) {
                return limited(report, members) ? false
                        : failed(report, opened.failed() + " of " + plan.bots() + " bots did not register: " + opened.firstFailure());
            }
            boolean joined = plan.room()[0] != null
                    ? members.join(i -> plan.room()[i], settings.concurrency(), settings.setupTimeout())
                    : !wire.needsInbox() || members.join(i -> members.link(i).nick(), settings.concurrency(), settings.setupTimeout());
            if (!joined) {
                return limited(report, members) ? false : failed(report, "not every bot could join its room in " + settings.setupTimeout().toSeconds() + " s");
            }
            if (publishers.size() > 0) {
                var ready = publishers.open(i -> prefix + "p" + i, 1024, settings.concurrency(), plan.bots(), settings.setupTimeout());
                if (ready.failed() > 0) {
                    return failed(report, "publishers did not connect: " + ready.firstFailure());
                }
            }
            members.settle(QUIET, settings.setupTimeout());
            report.put("setup_s", (System.nanoTime() - setupStart) / 1e9);

            long start = System.nanoTime() - epoch + TimeUnit.MILLISECONDS.toNanos(50);
            long from = start + settings.warmup().toNanos();
            long until = from + settings.duration().toNanos();
            var meter = new Meter(start, from, until, plan, settings.window(), settings.target().servers().size());
            members.measure(meter);
            var budget = new AtomicLong(settings.maxMessages());
            var failure = new AtomicReference<String>();
            List<Thread> senders = new ArrayList<>();
            for (int k = 0; k < plan.senders().length; k++) {
                int bot = plan.senders()[k];
                Link via = publishers.size() > 0 ? publishers.link(k) : members.link(bot);
                String to = plan.room()[bot] != null ? plan.room()[bot] : members.link(plan.partner()[bot]).nick();
                long interval = settings.rate() > 0 ? (long) (1e9 * plan.senders().length / settings.rate()) : 0;
                long first = start + (interval == 0 ? 0 : interval * k / plan.senders().length);
                var sender = new Sender(bot, via, to, plan.room()[bot] != null, first, interval, settings, meter, budget,
                        failure, epoch);
                senders.add(Thread.ofVirtual().name("sender-" + bot).start(sender::run));
            }
            List<ProcessStats> server0 = sleepUntilThenSample(epoch, from, settings.serverPids());
            ProcessStats self0 = ProcessStats.self();
            long machine0 = ProcessStats.machineBusyNanos();
            List<ProcessStats> server1 = sleepUntilThenSample(epoch, until, settings.serverPids());
            ProcessStats self1 = ProcessStats.self();
            long machine1 = ProcessStats.machineBusyNanos();
            for (Thread sender : senders) {
                sender.join(Duration.ofSeconds(5));
            }
            long expected = meter.sentInWindow() * plan.recipients();
            drain(meter, expected, settings.drain());

            double seconds = settings.duration().toNanos() / 1e9;
            long arrived = meter.arrivedInWindow();
            var latency = Latencies.summarize(meter.latencies().merged());
            report.put("sent", meter.sentInWindow()).put("sent_per_s", meter.sentInWindow() / seconds)
                    .put("delivered", arrived).put("delivered_per_s", arrived / seconds)
                    .put("echoes_per_s", meter.echoesInWindow() / seconds)
                    .put("expected", expected).put("missing", expected - meter.deliveredOfWindow())
                    .put("misdirected", meter.misdirected())
                    .put("latency_p50_ms", latency.p50()).put("latency_p99_ms", latency.p99())
                    .put("latency_p999_ms", latency.p999()).put("latency_max_ms", latency.max())
                    .put("latency_count", latency.count())
                    .put("servers", settings.target().servers().size());
            if (settings.target().servers().size() > 1) {
                // A delivery to a bot on the sender's node against one that crossed the bus to another node.
                var local = Latencies.summarize(meter.sameNode().merged());
                var remote = Latencies.summarize(meter.otherNode().merged());
                report.put("latency_same_node_p50_ms", local.p50()).put("latency_same_node_p99_ms", local.p99())
                        .put("latency_other_node_p50_ms", remote.p50()).put("latency_other_node_p99_ms", remote.p99());
            }
            report
                    .put("lost_connections", members.lost() + publishers.lost())
                    .put("lost_reason", members.lostReason() != null ? members.lostReason() : publishers.lostReason())
                    .put("send_errors", failure.get());
            cpu(report, server0, server1, self0, self1, seconds, arrived);
            others(report, machine1 - machine0, seconds);
            return !limited(report, members, publishers);
        }
    }

    private static void drain(Meter meter, long expected, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        long seen = -1;
        long lastProgress = System.nanoTime();
        while (meter.deliveredOfWindow() < expected && System.nanoTime() < end) {
            long now = meter.deliveredOfWindow();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(1)) {
                return; // nothing more is coming: what is missing is lost
            }
            Thread.sleep(20);
        }
    }

    /**
     * The servers' CPU over the window, summed over every server process given (the nodes of a cluster
     * contend for the same cores, so their sum, not one node's share, is what the load cost), and each
     * node's own share when there are several.
     */
    static void cpu(Report report, List<ProcessStats> server0, List<ProcessStats> server1, ProcessStats self0,
            ProcessStats self1, double seconds, long deliveries) {
        if (server0 != null && server1 != null) {
            long nanos = ProcessStats.sum(server1).cpuNanos() - ProcessStats.sum(server0).cpuNanos();
            report.put("server_cpu_pct", 100.0 * nanos / (seconds * 1e9));
            report.put("server_cpu_ns_per_delivery", deliveries > 0 ? (double) nanos / deliveries : null);
            report.put("server_rss_bytes", ProcessStats.sum(server1).rssBytes());
            // How many deliveries a server's write system call carries, and its threads' switches: what
            // tells a run of small batches from one of large ones at the same load.
            long writes = ProcessStats.sum(server1).writes() - ProcessStats.sum(server0).writes();
            if (ProcessStats.sum(server0).writes() >= 0 && ProcessStats.sum(server1).writes() >= 0 && writes > 0) {
                report.put("server_deliveries_per_write", (double) deliveries / writes);
            }
            long switches = ProcessStats.sum(server1).switches() - ProcessStats.sum(server0).switches();
            if (ProcessStats.sum(server0).switches() >= 0 && ProcessStats.sum(server1).switches() >= 0) {
                report.put("server_switches_per_s", switches / seconds);
            }
            long compiler = ProcessStats.sum(server1).compilerNanos() - ProcessStats.sum(server0).compilerNanos();
            if (ProcessStats.sum(server0).compilerNanos() >= 0 && ProcessStats.sum(server1).compilerNanos() >= 0) {
                report.put("server_jit_cpu_pct", 100.0 * compiler / (seconds * 1e9)); // part of server_cpu_pct
            }
            if (server1.size() > 1) {
                report.put("server_processes", server1.size());
                for (int i = 0; i < server1.size(); i++) {
                    report.put("server_cpu_pct_node" + (i + 1),
                            100.0 * (server1.get(i).cpuNanos() - server0.get(i).cpuNanos()) / (seconds * 1e9));
                }
            }
        }
        if (self0 != null && self1 != null) {
            report.put("bench_cpu_pct", 100.0 * (self1.cpuNanos() - self0.cpuNanos()) / (seconds * 1e9));
        }
    }

    /** The CPU the rest of the machine took during the window: noise from other work, to be reported. */
    private static void others(Report report, long machineNanos, double seconds) {
        if (machineNanos > 0) {
            double machine = 100.0 * machineNanos / (seconds * 1e9);
            report.put("machine_cpu_pct", machine);
            report.put("others_cpu_pct", Math.max(0, machine - report.number("bench_cpu_pct")
                    - (Double.isNaN(report.number("server_cpu_pct")) ? 0 : report.number("server_cpu_pct"))));
        }
    }

    private static List<ProcessStats> sleepUntilThenSample(long epoch, long at, List<Long> pids) throws InterruptedException {
        long wait = at - (System.nanoTime() - epoch);
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        return ProcessStats.eachOrNull(pids);
    }

    /** What a run that met the server's limits reports, instead of figures that would measure the limits. */
    static final String LIMITED = "the server is limiting this load: start it with --no-limits";

    /** Fails the run if the server said, to any bot, that it was limiting it. */
    static boolean limited(Report report, Crowd... crowds) {
        int times = 0;
        String first = null;
        for (Crowd crowd : crowds) {
            times += crowd.limited();
            first = first != null ? first : crowd.limitedBy();
        }
        if (times == 0) {
            return false;
        }
        report.put("limited", times);
        failed(report, LIMITED + " (" + times + " refusals or notices; first: " + first + ")");
        return true;
    }

    static boolean failed(Report report, String why) {
        report.put("error", why);
        return false;
    }

    /** Two letters that make this run's nicknames its own, should a bot of the last run linger. */
    private static String nickPrefix() {
        var random = ThreadLocalRandom.current();
        return "" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26));
    }

    /**
     * One sender: waits for its window, stamps, sends, until the end of the measured window. Paced, the
     * stamp is the time the message was due, not when it went: a sender held back by a slow server
     * counts the wait in the latency (no coordinated omission).
     */
    private record Sender(int bot, Link via, String to, boolean toRoom, long first, long interval, Settings settings,
            Meter meter, AtomicLong budget, AtomicReference<String> failure, long epoch) {

        void run() {
            var payload = new byte[settings.size()];
            var window = meter.window(bot);
            long due = first;
            try {
                while (true) {
                    long now = System.nanoTime() - epoch;
                    if (due > now) { // the start, then each due time when paced
                        LockSupport.parkNanos(due - now);
                        now = System.nanoTime() - epoch;
                    }
                    if (now >= meter.until() || budget.decrementAndGet() < 0) {
                        return;
                    }
                    while (!window.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                        if (System.nanoTime() - epoch >= meter.until()) {
                            return;
                        }
                    }
                    long stamp = interval > 0 ? due : System.nanoTime() - epoch;
                    Payload.write(payload, stamp, bot, payload.length);
                    via.send(toRoom ? settings.wire().toRoom(to, payload, payload.length)
                            : settings.wire().toPeer(to, payload, payload.length));
                    meter.sent(stamp);
                    due += interval;
                }
            } catch (IOException e) {
                failure.compareAndSet(null, "bot " + bot + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
