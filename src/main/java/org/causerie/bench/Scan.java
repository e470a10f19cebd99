package org.causerie.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding a byte in what a read returned, eight bytes at a time: the load generator's receivers look at
 * millions of lines a second, and a byte-by-byte loop over them cost as much CPU as the server under
 * test spends. SWAR (SIMD within a register): a byte of {@code word ^ pattern} is zero where the byte
 * sought is; {@code (v - 0x01…) & ~v & 0x80…} sets the high bit of the lowest zero byte exactly (the
 * borrow can only give false positives above it), and the trailing zeros tell its position.
 */
final class Scan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Scan() {}

    /** The first index in {@code bytes[from, to)} holding {@code a} or {@code b}, or -1. */
    static int indexOfEither(byte[] bytes, int from, int to, byte a, byte b) {
        long patternA = ONES * (a & 0xff);
        long patternB = ONES * (b & 0xff);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long found = zeroBytes(word ^ patternA) | zeroBytes(word ^ patternB);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == a || bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The first index in {@code bytes[from, to)} holding {@code a}, or -1: half the work of two bytes. */
    static int indexOf(byte[] bytes, int from, int to, byte a) {
        long pattern = ONES * (a & 0xff);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(bytes, i) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == a) {
                return i;
            }
        }
        return -1;
    }

    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }
}
