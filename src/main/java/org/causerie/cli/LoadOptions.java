package org.causerie.cli;

import org.causerie.bench.Bench;
import picocli.CommandLine.Option;

/** The options of the scenarios that send messages: fanout, rooms, private (a picocli mixin). */
public final class LoadOptions {

    @Option(names = "--rate", paramLabel = "R",
            description = "messages per second from all senders together, evenly spread; latencies count from when"
                    + " each message was due (default: as fast as the windows allow)")
    double rate;

    @Option(names = "--size", paramLabel = "BYTES", description = "message text size (default: ${DEFAULT-VALUE})")
    int size = 100;

    @Option(names = "--window", paramLabel = "N",
            description = "messages one sender may have in flight, sent but not yet received by its probe (another"
                    + " member of its room, or its partner) (default: ${DEFAULT-VALUE})")
    int window = 32;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "sending before the measured window, not counted (default: ${DEFAULT-VALUE})")
    double warmup = 3;

    @Option(names = "--drain", paramLabel = "SECONDS",
            description = "longest wait after the window for its messages to arrive (default: ${DEFAULT-VALUE})")
    double drain = 5;

    @Option(names = "--max-messages", paramLabel = "N",
            description = "messages all senders may send in the run, warm-up included (default: ${DEFAULT-VALUE})")
    long maxMessages = 50_000_000;

    Bench.Load load(BenchOptions common) {
        return new Bench.Load(size, rate, window, BenchOptions.seconds(warmup), common.duration(),
                BenchOptions.seconds(drain), maxMessages);
    }
}
