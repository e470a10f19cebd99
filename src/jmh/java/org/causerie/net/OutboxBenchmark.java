package org.causerie.net;

import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.chat.Wakeups;
import org.causerie.protocol.Format;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Queuing one message to M outboxes, as a room's broadcast does under the room lock, with each
 * outbox's writer (a virtual thread, started on demand as in the server) draining it to a stream that
 * discards the bytes: the cost per message of the queueing, the wake-ups and the writers' encoding,
 * without sockets. {@code batch} messages are queued per batch of wake-ups, as a reader that found that
 * many lines in one read would. The score is per message; divide by M for per delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboxBenchmark {
    /**
     * A thousand members only: with ten, one sender queues faster than the ten writers drain (each
     * wakes for every message and writes it alone), the queues grow without end and overflow: there is
     * no steady state to measure. That is the wake-up cost the fanout profile shows, seen from here.
     */
    @Param({"1000"})
    public int members;

    @Param({"1", "8"})
    public int batch;

    private final Event.Message message = new Event.Message(1, Instant.parse("2026-11-21T17:51:13.939Z"), "#bench",
            "alice", "x".repeat(100), false);
    private final List<Outbox> outboxes = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < members; i++) {
            // Large enough that the writers, which share the two cores with the sender, never overflow.
            var outbox = new Outbox(1 << 22, () -> { throw new IllegalStateException("overflow"); }, () -> { },
                    reason -> { });
            outbox.open(OutputStream.nullOutputStream());
            outbox.codec(Format.JSON);
            outboxes.add(outbox);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        for (Outbox outbox : outboxes) {
            outbox.finish();
        }
        for (Outbox outbox : outboxes) {
            outbox.awaitDrained(60_000);
        }
    }

    @Benchmark
    @OperationsPerInvocation(8) // eight messages per call, so that the score is per message for any batch
    public void broadcast() {
        Wakeups.open(() -> {
            for (int m = 0; m < 8; m++) {
                var envelope = new Envelope(message);
                for (Outbox outbox : outboxes) {
                    outbox.send(envelope);
                }
                if ((m + 1) % batch == 0) {
                    Wakeups.flushCurrent();
                }
            }
        });
    }
}
