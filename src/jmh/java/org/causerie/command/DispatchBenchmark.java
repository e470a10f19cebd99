package org.causerie.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.causerie.calc.Calculator;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;
import org.causerie.chat.TestHubs;
import org.causerie.protocol.Format;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dispatching one room message from a member's line to M members' sinks: parsing, the command table,
 * the hub, the room lock, numbering, the in-memory journal, and the broadcast loop. The sinks only count
 * (the outboxes are {@link org.causerie.net.OutboxBenchmark}'s). The in-memory store keeps every
 * message, so the heap grows during the run: the iterations are short.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class DispatchBenchmark {
    @Param({"10", "1000"})
    public int members;

    private final LongAdder delivered = new LongAdder();
    private Dispatcher dispatcher;
    private Context sender;
    private final String line = "x".repeat(100);

    @Setup
    public void setUp() {
        var hub = TestHubs.inMemory("causerie", "bench");
        dispatcher = new Dispatcher(Commands.standard(new Calculator()));
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Session session = hub.connect(envelope -> delivered.increment());
            hub.join(session, "#bench");
            sessions.add(session);
        }
        sender = new Context(sessions.getFirst(), hub, new Peer() {
            @Override
            public void format(Format format) {}

            @Override
            public void quit(String reason) {}

            @Override
            public java.net.InetAddress address() {
                return java.net.InetAddress.getLoopbackAddress();
            }
        }, dispatcher.commands(), null);
    }

    @Benchmark
    public void roomMessage() {
        dispatcher.handle(sender, line);
    }
}
