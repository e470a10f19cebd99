package org.causerie.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.causerie.bench.Bench;
import org.causerie.bench.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code causerie bench}: the load generator, one subcommand per scenario. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Load generator: measures a chat server with bots on virtual threads, over Causerie's line protocol (JSON),"
                    + " IRC, or Redis pub/sub, so that exactly the same load reaches each.",
            "",
            "Every message carries the time it was sent; receivers measure the end-to-end latency (HdrHistogram,"
                    + " p50/p99/p99.9/max). A run warms up, measures a fixed window, waits (bounded) for the window's"
                    + " messages to arrive, closes every connection and stops by itself. Connections, messages and time"
                    + " are all bounded. Keep the server on this machine or a test host of your own.",
            "",
            "Deliveries count what reached bots other than the sender (Causerie also echoes a message to its sender;"
                    + " IRC does not: echoes are reported apart). With --server-pid, the server's CPU per delivery and"
                    + " its resident memory come from /proc.",
            ""},
        subcommands = {BenchCommand.Fanout.class, BenchCommand.Rooms.class, BenchCommand.Private.class,
            BenchCommand.Connect.class, BenchCommand.Summary.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
            "  causerie bench fanout --port 7777 --members 1000 --senders 10",
            "  causerie bench fanout --protocol irc --port 6667 --members 1000 --senders 10 --rate 1000 --json",
            "  causerie bench rooms --rooms 1000 --members 10",
            "  causerie bench private --pairs 1000 --protocol redis --port 6379",
            "  causerie bench connect --connections 100000 --server-pid $(pgrep -f 'causerie.jar server')",
            "  causerie bench summary results.jsonl",
            "", "bench/compare runs them all against Causerie, ngIRCd, InspIRCd and Redis; see docs/performance.md."})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static int print(Report report, boolean json) {
        if (json) {
            System.out.println(report.json());
        } else {
            System.out.print(report.table());
        }
        if (report.text("error") != null) {
            System.err.println("causerie bench: " + report.text("error"));
            return 1;
        }
        return 0;
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"One room of M members; S of them send (at --rate in all, or as fast as their windows"
                    + " allow). Reports deliveries per second and end-to-end latency: the broadcast path of a server.",
                "The peak: leave --rate out. Latency at a given load: --rate R (messages per second; deliveries are"
                        + " R x (M-1))."})
    static final class Fanout implements Callable<Integer> {
        @Mixin BenchOptions common;
        @Mixin LoadOptions load;

        @Option(names = "--members", paramLabel = "M", description = "members of the room (default: ${DEFAULT-VALUE})")
        int members = 1000;

        @Option(names = "--senders", paramLabel = "S", description = "members that send (default: ${DEFAULT-VALUE})")
        int senders = 10;

        @Override
        public Integer call() throws InterruptedException {
            return print(Bench.fanout(common.common(), load.load(common), members, senders), common.json);
        }
    }

    @Command(name = "rooms", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Many small rooms all talking at once, the everyday shape of a team's chat: R rooms of M"
                    + " members, S senders in each.")
    static final class Rooms implements Callable<Integer> {
        @Mixin BenchOptions common;
        @Mixin LoadOptions load;

        @Option(names = "--rooms", paramLabel = "R", description = "rooms (default: ${DEFAULT-VALUE})")
        int rooms = 1000;

        @Option(names = "--members", paramLabel = "M", description = "members of each room (default: ${DEFAULT-VALUE})")
        int members = 10;

        @Option(names = "--senders", paramLabel = "S", description = "senders in each room (default: ${DEFAULT-VALUE})")
        int senders = 1;

        @Override
        public Integer call() throws InterruptedException {
            return print(Bench.rooms(common.common(), load.load(common), rooms, members, senders), common.json);
        }
    }

    @Command(name = "private", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Pairs of bots exchanging private messages (/msg, PRIVMSG to a nick, PUBLISH to a channel"
                    + " named after the recipient): the routing of one-to-one messages.")
    static final class Private implements Callable<Integer> {
        @Mixin BenchOptions common;
        @Mixin LoadOptions load;

        @Option(names = "--pairs", paramLabel = "P", description = "pairs of bots, both sending (default: ${DEFAULT-VALUE})")
        int pairs = 1000;

        @Override
        public Integer call() throws InterruptedException {
            return print(Bench.pairs(common.common(), load.load(common), pairs), common.json);
        }
    }

    @Command(name = "connect", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Opens N connections (spread over loopback source addresses 127.0.0.x beyond --per-source"
                    + " each), registers each bot and holds them idle, then reports the time to connect them all and"
                    + " the server's memory per connection: resident memory from /proc (with --server-pid) beyond the"
                    + " empty server's, read --duration seconds after the last bot registered (the flood's garbage"
                    + " still held) and again --settle seconds after it (what an idle server holds once its own"
                    + " periodic collection has run: longer than G1PeriodicGCInterval in bin/jvm-options); neither"
                    + " reading follows a collection asked by this tool. Then the server's own figure where it can"
                    + " say (a JVM's live heap after a full GC, asked through the attach API after both readings;"
                    + " Redis's used_memory).",
                "The server and this tool each need one file descriptor per connection: raise `ulimit -n` for both."})
    static final class Connect implements Callable<Integer> {
        @Mixin BenchOptions common;

        @Option(names = "--connections", paramLabel = "N", description = "connections (default: ${DEFAULT-VALUE})")
        int connections = 10_000;

        @Option(names = "--settle", paramLabel = "SECONDS",
                description = "when, after the last bot registered, the settled resident memory is read; 0 or no"
                        + " more than --duration: not read (default: ${DEFAULT-VALUE}: G1 gives heap back only at the"
                        + " end of a concurrent cycle, which its periodic collection, every 5 s of quiet with"
                        + " bin/jvm-options, starts only once the mixed collections the flood left are done:"
                        + " 20 to 25 s after it)")
        double settle = 30;

        @Override
        public Integer call() throws InterruptedException {
            if (connections < 1 || connections > 1_000_000) {
                System.err.println("causerie bench: --connections is between 1 and 1,000,000");
                return 2;
            }
            if (settle < 0) {
                System.err.println("causerie bench: --settle is 0 or more seconds");
                return 2;
            }
            return print(Bench.connect(common.common(), connections, common.duration(2),
                    BenchOptions.seconds(settle)), common.json);
        }
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Reads the JSON lines of many runs (from --json) and prints, for each case and server, the"
                    + " figures of every round, their medians, and the ratio of the reference server to each other one"
                    + " computed within each round, as Markdown tables.")
    static final class Summary implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "files of JSON lines")
        List<Path> files = new ArrayList<>();

        @Option(names = "--reference", paramLabel = "LABEL", description = "the server the ratios are of (default: ${DEFAULT-VALUE})")
        String reference = "causerie";

        @Override
        public Integer call() throws java.io.IOException {
            var lines = new ArrayList<String>();
            for (Path file : files) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
            System.out.print(Bench.summary(lines, reference));
            return 0;
        }
    }
}
