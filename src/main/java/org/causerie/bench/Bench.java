package org.causerie.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's entry points, one per scenario ({@code causerie bench} calls them; so do the
 * tests). Each run is bounded in time (every phase has a deadline) and in count (connections, messages),
 * stops by itself, closes every connection it opened, and returns its figures as a {@link Report}.
 */
public final class Bench {
    private Bench() {}

    /**
     * What every scenario needs: where the server is, which protocol it speaks, how the bots arrive, and
     * the labels that tell runs apart in a comparison.
     *
     * @param serverPids the servers' process ids, when they run on this machine (the nodes of a cluster:
     *                   one each): their CPU times and resident memories are read from /proc and summed
     *                   (empty: not measured); {@code connect} reads the first one's
     */
    public record Common(String host, int port, String protocol, int perSource, Duration connectTimeout,
            int concurrency, Duration setupTimeout, List<Long> serverPids, String label, String caseName, int round,
            boolean tls) {

        public Common {
            serverPids = serverPids == null ? List.of() : List.copyOf(serverPids);
        }

        /** Without TLS. */
        public Common(String host, int port, String protocol, int perSource, Duration connectTimeout,
                int concurrency, Duration setupTimeout, List<Long> serverPids, String label, String caseName,
                int round) {
            this(host, port, protocol, perSource, connectTimeout, concurrency, setupTimeout, serverPids, label,
                    caseName, round, false);
        }

        Long serverPid() {
            return serverPids.isEmpty() ? null : serverPids.getFirst();
        }

        Target target() {
            // host may list several servers, HOST[:PORT] separated by commas: the bots are spread over them
            return new Target(org.causerie.client.Hosts.parse(java.util.List.of(host), port).addresses(), perSource,
                    (int) connectTimeout.toMillis(), tls);
        }

        Report report(String scenario) {
            return new Report().put("scenario", scenario).put("case", caseName == null ? scenario : caseName)
                    .put("label", label == null ? protocol : label).put("round", round).put("protocol", protocol)
                    .put("target", target().toString()).put("tls", tls ? true : null);
        }
    }

    /**
     * How the messages go.
     *
     * @param rate        messages per second from all senders together; 0: as fast as the windows allow
     * @param window      messages one sender may have in flight
     * @param maxMessages messages all senders may send in one run, warm-up included
     */
    public record Load(int size, double rate, int window, Duration warmup, Duration duration, Duration drain,
            long maxMessages) {

        public Load {
            if (size < Payload.MIN_SIZE || window < 1 || rate < 0 || maxMessages < 1 || duration.isZero()) {
                throw new IllegalArgumentException("a message has at least " + Payload.MIN_SIZE
                        + " bytes; the window, the duration and the message budget must be positive");
            }
        }
    }

    public static Report fanout(Common common, Load load, int members, int senders) throws InterruptedException {
        return traffic(common, load, Plan.fanout(members, senders));
    }

    public static Report rooms(Common common, Load load, int rooms, int members, int senders) throws InterruptedException {
        return traffic(common, load, Plan.rooms(rooms, members, senders));
    }

    public static Report pairs(Common common, Load load, int pairs) throws InterruptedException {
        return traffic(common, load, Plan.pairs(pairs));
    }

    /** {@link #connect(Common, int, Duration, Duration)} with no second reading. */
    public static Report connect(Common common, int connections, Duration hold) throws InterruptedException {
        return connect(common, connections, hold, Duration.ZERO);
    }

    /**
     * N idle connections; the server's memory read {@code hold} and {@code settle} after the last one
     * registered (see {@link Connect}).
     */
    public static Report connect(Common common, int connections, Duration hold, Duration settle)
            throws InterruptedException {
        Report report = common.report("connect");
        boolean ok = Connect.run(new Connect.Settings(common.target(), Wire.of(common.protocol()), connections,
                common.concurrency(), hold, settle, common.setupTimeout(), common.serverPid()), report);
        return report.put("ok", ok);
    }

    /** The tables of many runs' JSON lines (see {@link Summary}); lines that are no report are skipped. */
    public static String summary(List<String> lines, String reference) {
        var reports = new ArrayList<Report>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                reports.add(Report.parse(line));
            }
        }
        return Summary.render(reports, reference);
    }

    private static Report traffic(Common common, Load load, Plan plan) throws InterruptedException {
        Report report = common.report(plan.scenario());
        var settings = new Traffic.Settings(common.target(), Wire.of(common.protocol()), plan, load.size(), load.rate(),
                load.window(), load.warmup(), load.duration(), load.drain(), load.maxMessages(), common.concurrency(),
                common.setupTimeout(), common.serverPids());
        boolean ok = Traffic.run(settings, report);
        return report.put("ok", ok);
    }
}
