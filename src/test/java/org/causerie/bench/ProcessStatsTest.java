package org.causerie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    void aJvmsCompilerThreadsAreCountedAndAProcessWithoutThemHasNone() throws Exception {
        long sum = 0;
        for (int round = 0; round < 200_000; round++) { // hot enough to be compiled, if nothing else was
            sum += Long.toString(round).hashCode();
        }
        var self = ProcessStats.of("self");
        assertThat(self.compilerNanos()).as("this JVM compiled for at least one clock tick (%d)", sum)
                .isPositive().isLessThanOrEqualTo(self.cpuNanos());

        var sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            var other = ProcessStats.of(Long.toString(sleeper.pid()));
            assertThat(other.compilerNanos()).isZero();
            assertThat(other.switches()).isNotNegative();
            assertThat(ProcessStats.sum(List.of(self, other)).compilerNanos()).isEqualTo(self.compilerNanos());
        } finally {
            sleeper.destroy();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
