package org.causerie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The idle heap watch on this test JVM's own G1 flags: tight ratios once no allocation has asked for a
 * collection for the quiet time, the JVM's own back at the next such collection and at close. The test
 * JVM's flags are changed for a few seconds and put back.
 */
@EnabledIf("g1")
class IdleHeapTest {
    private static final HotSpotDiagnosticMXBean FLAGS = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    /** Keeps what the allocation loop made reachable until the assertion, so that it is not optimised away. */
    private static volatile Object sink;

    static boolean g1() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(c -> c.getName().equals("G1 Young Generation"));
    }

    @Test
    void tightWhenQuietRoomyWhenAllocationCollects() {
        String min = flag("MinHeapFreeRatio");
        String max = flag("MaxHeapFreeRatio");
        long started = System.nanoTime();
        try (IdleHeap heap = IdleHeap.start(10, 30, Duration.ofMillis(400))) {
            await(heap::tight, "tight after 400 ms without a collection asked by allocation");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not tight before the quiet time")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(flag("MinHeapFreeRatio")).isEqualTo("10");
            assertThat(flag("MaxHeapFreeRatio")).isEqualTo("30");

            allocateUntil(() -> !heap.tight());
            assertThat(flag("MinHeapFreeRatio")).isEqualTo(min);
            assertThat(flag("MaxHeapFreeRatio")).isEqualTo(max);

            await(heap::tight, "tight again once quiet");
        }
        assertThat(flag("MinHeapFreeRatio")).as("the JVM's own ratios after close").isEqualTo(min);
        assertThat(flag("MaxHeapFreeRatio")).isEqualTo(max);
    }

    @Test
    void refusesRatiosOutOfOrder() {
        assertThatThrownBy(() -> IdleHeap.start(40, 30, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40,30");
    }

    private static String flag(String name) {
        return FLAGS.getVMOption(name).getValue();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** Allocates garbage (young collections follow) until {@code condition} holds, within 20 s. */
    private static void allocateUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<byte[]> batch = new ArrayList<>();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("roomy again after allocation collected").isLessThan(deadline);
            batch.clear();
            for (int i = 0; i < 1024; i++) {
                batch.add(new byte[1024]);
            }
            sink = batch;
        }
    }
}
