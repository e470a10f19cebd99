package org.causerie.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.InRange;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithSize;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Stream;
import org.causerie.command.ArityFuzzTest;
import org.causerie.irc.IrcParserFuzzTest;
import org.causerie.net.LineReaderFuzzTest;
import org.causerie.net.ProxyHeaderFuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code ./mvnw verify} fuzzes: every target at once, in one JVM. Jazzer fuzzes one {@code @FuzzTest}
 * per JVM, and each JVM spends seconds before its first input (Jazzer scans the class path and instruments
 * the classes), so six JVMs would cost more than the fuzzing. Here the fuzzer picks the target with its
 * input, and coverage steers both: a target whose input finds new paths gets more of the time.
 *
 * <p>The checks are the targets' own ({@link LineParserFuzzTest}, {@link ArityFuzzTest},
 * {@link LineReaderFuzzTest}, {@link DispatcherFuzzTest}, {@link CalculatorFuzzTest},
 * {@link EventCodecFuzzTest}, {@link IrcParserFuzzTest}, {@link ProxyHeaderFuzzTest}); each of those fuzzes its target alone for a longer run:
 * {@code ./mvnw verify -Dtest=CalculatorFuzzTest -Dfuzz.seconds=600}. The runs per target are printed to
 * {@code target/fuzz-reports/org.causerie.fuzz.AllTargetsFuzzTest-output.txt}.
 *
 * <p>A finding fails the build and is saved as {@code target/fuzz/crash-<sha1>}. To replay it, copy the file
 * to {@code src/test/resources/org/causerie/fuzz/AllTargetsFuzzTestInputs/fuzz/} and run
 * {@code ./mvnw test -Dtest=AllTargetsFuzzTest}; once the bug is fixed, keep it there as a regression input.
 */
class AllTargetsFuzzTest {

    /** An input for one target, its fields as the target's own fuzz test takes them. */
    sealed interface Target {
        record Line(@NotNull String line) implements Target {}

        record Split(byte command, @NotNull String text) implements Target {}

        record Bytes(@InRange(min = 1, max = 64) int limit, @InRange(min = 1, max = 9000) int maxRead,
                byte @NotNull [] bytes) implements Target {}

        record Lines(@NotNull @WithSize(max = 16) List<@NotNull String> lines, long senders) implements Target {}

        record Calc(@NotNull String expression) implements Target {}

        record Render(int kind, boolean nulls, @NotNull List<@NotNull String> strings, long @NotNull [] numbers)
                implements Target {}

        record Irc(@NotNull String line, @NotNull String text) implements Target {}

        record Proxy(byte @NotNull [] bytes) implements Target {}
    }

    /** The fuzz test's parameter: Jazzer 0.30.0 cannot take a sealed interface itself, but a record holding one. */
    record Case(@NotNull Target target) {}

    private static final Map<String, LongAdder> RUNS = new ConcurrentHashMap<>();
    /** When the first input came; the runs per second count from there. */
    private static long first;

    /** The seeds of every target. */
    static Stream<Arguments> seeds() {
        return Stream.of(
                LineParserFuzzTest.SEEDS.stream().map(Target.Line::new),
                ArityFuzzTest.SEEDS.stream().map(args(a -> new Target.Split((byte) a[0], (String) a[1]))),
                LineReaderFuzzTest.SEEDS.stream()
                        .map(args(a -> new Target.Bytes((int) a[0], (int) a[1], (byte[]) a[2]))),
                DispatcherFuzzTest.SEEDS.stream().map(args(a -> new Target.Lines(strings(a[0]), (long) a[1]))),
                CalculatorFuzzTest.SEEDS.stream().map(Target.Calc::new),
                EventCodecFuzzTest.SEEDS.stream().map(args(a -> new Target.Render((int) a[0], (boolean) a[1],
                        strings(a[2]), (long[]) a[3]))),
                IrcParserFuzzTest.SEEDS.stream().map(args(a -> new Target.Irc((String) a[0], (String) a[1]))),
                ProxyHeaderFuzzTest.SEEDS.stream().map(Target.Proxy::new))
                .flatMap(targets -> targets)
                .map(target -> Arguments.of(new Case(target)));
    }

    @MethodSource("seeds")
    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void fuzz(@NotNull Case input) throws Exception {
        if (first == 0) {
            first = System.nanoTime();
        }
        Target target = input.target();
        RUNS.computeIfAbsent(target.getClass().getSimpleName(), name -> new LongAdder()).increment();
        switch (target) {
            case Target.Line t -> LineParserFuzzTest.check(t.line());
            case Target.Split t -> ArityFuzzTest.check(t.command(), t.text());
            case Target.Bytes t -> LineReaderFuzzTest.check(t.limit(), t.maxRead(), t.bytes());
            case Target.Lines t -> DispatcherFuzzTest.check(t.lines(), t.senders());
            case Target.Calc t -> CalculatorFuzzTest.check(t.expression());
            case Target.Render t -> EventCodecFuzzTest.check(t.kind(), t.nulls(), t.strings(), t.numbers());
            case Target.Irc t -> IrcParserFuzzTest.check(t.line(), t.text());
            case Target.Proxy t -> ProxyHeaderFuzzTest.check(t.bytes());
        }
    }

    @AfterAll
    static void report() {
        double seconds = (System.nanoTime() - first) / 1e9;
        new TreeMap<>(RUNS).forEach((target, runs) -> System.err.printf("fuzz_runs target=%s runs=%d per_second=%.0f%n",
                target, runs.sum(), runs.sum() / seconds));
    }

    private static Function<Arguments, Target> args(Function<Object[], Target> target) {
        return arguments -> target.apply(arguments.get());
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
