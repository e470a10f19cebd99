package org.causerie.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.causerie.protocol.Input;
import org.causerie.protocol.LineParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a client's line: framing (bytes to a UTF-8 string, {@link LineReader}), then the grammar and
 * the control-character check ({@link LineParser}). The input holds many 100-byte lines, read in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineBenchmark {
    private static final String LINE = "x".repeat(100);
    private byte[] input;
    private LineReader reader;

    @Setup
    public void setUp() {
        input = (LINE + "\n").repeat(10_000).getBytes(StandardCharsets.UTF_8);
        reader = new LineReader(new ByteArrayInputStream(input), 4096);
    }

    @Benchmark
    public Input parse() {
        return LineParser.parse(LINE);
    }

    @Benchmark
    public Input readAndParse() throws IOException {
        String line = reader.next();
        if (line == null) { // the end of the input: start it again (once in 10,000 lines)
            reader = new LineReader(new ByteArrayInputStream(input), 4096);
            line = reader.next();
        }
        return LineParser.parse(line);
    }
}
