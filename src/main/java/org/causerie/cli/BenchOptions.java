package org.causerie.cli;

import java.time.Duration;
import org.causerie.bench.Bench;
import picocli.CommandLine.Option;

/** The options every {@code causerie bench} scenario takes (a picocli mixin). */
public final class BenchOptions {

    @Option(names = "--host", paramLabel = "HOST[:PORT]", description = "server address (default: 127.0.0.1);"
            + " several, repeated or comma-separated (the nodes of a cluster), and bot i connects to the (i mod n)th")
    java.util.List<String> hosts;

    @Option(names = "--port", paramLabel = "N", description = "server port, for hosts given without one (default: ${DEFAULT-VALUE})")
    int port = 7777;

    @Option(names = "--protocol", paramLabel = "causerie|ws|irc|ircv3|redis",
            description = "what the server speaks: causerie (the line protocol, JSON format), ws (Causerie's"
                    + " WebSocket door at /ws: give --port the server's --http-port), irc (NICK/USER, JOIN,"
                    + " PRIVMSG), ircv3 (the same, asking for server-time, message-tags and echo-message first) or"
                    + " redis (SUBSCRIBE/PUBLISH) (default: ${DEFAULT-VALUE})")
    String protocol = "causerie";

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "the measured window, after the warm-up (default: 10); for connect, how long after the last"
                    + " bot registered the memory is read first (default: 2)")
    Double duration;

    @Option(names = "--tls", description = "the bots speak TLS to the server's TLS port (give it with --port),"
            + " trusting any certificate: a load generator on loopback checks nothing")
    boolean tls;

    @Option(names = "--json", description = "print one JSON object on one line instead of the table (for scripts)")
    boolean json;

    @Option(names = "--server-pid", paramLabel = "PID", split = ",",
            description = "the server's process id, when it runs on this machine: its CPU time and resident memory"
                    + " are read from /proc (and a JVM's live heap is asked of the JVM itself); several, repeated or"
                    + " comma-separated (the nodes of a cluster): their CPU times are summed and each is shown")
    java.util.List<Long> serverPids;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "connections being set up at once, each until registered (default: ${DEFAULT-VALUE})")
    int concurrency = 200;

    @Option(names = "--per-source", paramLabel = "N",
            description = "connections per loopback source address: bot i connects from 127.0.0.(1 + i/N), for more"
                    + " connections than the ~28,000 ephemeral ports of one address (default: ${DEFAULT-VALUE})")
    int perSource = 20_000;

    @Option(names = "--setup-timeout", paramLabel = "SECONDS",
            description = "longest time for connecting, registering and joining all bots (default: ${DEFAULT-VALUE})")
    double setupTimeout = 120;

    @Option(names = "--label", paramLabel = "NAME", description = "the server's name in reports (default: the protocol)")
    String label;

    @Option(names = "--case", paramLabel = "NAME",
            description = "the name of this case in `bench summary` tables (default: the scenario)")
    String caseName;

    @Option(names = "--round", paramLabel = "N", description = "the round of a comparison this run belongs to (default: 0)")
    int round;

    Bench.Common common() {
        String host = hosts == null ? "127.0.0.1" : String.join(",", hosts);
        return new Bench.Common(host, port, protocol, perSource, Duration.ofSeconds(10), concurrency,
                seconds(setupTimeout), serverPids, label, caseName, round, tls);
    }

    Duration duration() {
        return duration(10);
    }

    /** --duration, or {@code otherwise} seconds when it was not given. */
    Duration duration(double otherwise) {
        return seconds(duration == null ? otherwise : duration);
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }
}
