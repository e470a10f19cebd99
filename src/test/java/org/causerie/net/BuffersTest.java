package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuffersTest {

    @Test
    void aWriteTakesTheSmallestBufferThatHoldsItsBatchUpToTheLargestWrite() {
        assertThat(Buffers.forWrite(0).size).isEqualTo(1024);
        assertThat(Buffers.forWrite(1024).size).isEqualTo(1024);
        assertThat(Buffers.forWrite(1025).size).isEqualTo(2048);
        assertThat(Buffers.forWrite(5_000).size).isEqualTo(8192);
        assertThat(Buffers.forWrite(32 * 1024 + 1).size).isEqualTo(Outbox.MAX_WRITE);
        assertThat(Buffers.forWrite(Outbox.MAX_WRITE).size).isEqualTo(Outbox.MAX_WRITE);
        assertThat(Buffers.forWrite(10L * Outbox.MAX_WRITE).size).isEqualTo(Outbox.MAX_WRITE);
        for (long bytes = 1; bytes <= Outbox.MAX_WRITE; bytes += 97) {
            int size = Buffers.forWrite(bytes).size;
            assertThat(size).as("%d bytes", bytes).isGreaterThanOrEqualTo((int) bytes).isLessThan((int) Math.max(2 * bytes, 1025));
        }
    }

    @Test
    void aBufferTakenAndGivenBackIsCountedAsLentOnlyMeanwhile() {
        int before = Buffers.lent();
        var pool = Buffers.forWrite(3_000);
        byte[] buffer = pool.take();
        assertThat(Buffers.lent()).isEqualTo(before + 1);
        pool.give(buffer);
        assertThat(Buffers.lent()).isEqualTo(before);
    }

    @Test
    void aPoolLendsAgainWhatWasGivenBackAndKeepsNoMoreThanItsShare() {
        var pool = new Buffers(512, 2);
        byte[] a = pool.take();
        byte[] b = pool.take();
        byte[] c = pool.take();
        assertThat(a).hasSize(512).isNotSameAs(b);
        pool.give(a);
        pool.give(b);
        pool.give(c); // beyond the two kept: left to the collector
        byte[] first = pool.take();
        byte[] second = pool.take();
        byte[] third = pool.take();
        assertThat(first == a && second == b || first == b && second == a).as("the two kept, lent again").isTrue();
        assertThat(third).isNotSameAs(a).isNotSameAs(b).isNotSameAs(c).hasSize(512);
    }
}
