package org.causerie.protocol;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one room message of 100 characters into the bytes of a line, in each format: what a writer
 * does once per message (the envelope shares the bytes with every other member). A fresh envelope each
 * time, so that nothing is cached.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodeBenchmark {
    private final Event.Message message = new Event.Message(123_456, Instant.parse("2026-11-21T17:51:13.939Z"),
            "#bench", "alice", "x".repeat(100), false);

    @Benchmark
    public byte[] text() {
        return Format.TEXT.encode(new Envelope(message));
    }

    @Benchmark
    public byte[] json() {
        return Format.JSON.encode(new Envelope(message));
    }
}
