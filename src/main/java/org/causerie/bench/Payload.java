package org.causerie.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The text every bot sends, so that a receiver can measure a message's latency from its own copy: a
 * mark, the send time, the sender, then filler up to the message size.
 *
 * <pre>%0000000001a2b3c4:17:xxxxxxxx…</pre>
 *
 * The time is in nanoseconds since the run's epoch ({@link System#nanoTime()}, one clock, since every
 * bot lives in this JVM), as 16 hex digits; the sender is a bot's index. The mark {@code %} may appear
 * in other lines (IRC's ISUPPORT has {@code PREFIX=(ov)@%+}), so a payload is only one whose mark is
 * followed by 16 hex digits and a colon; nicks, rooms and hosts of the bots never contain a {@code %}.
 */
final class Payload {
    static final byte MARK = '%';
    private static final int STAMP_DIGITS = 16;
    /** The shortest payload: the mark, the stamp, the colons and a sender index of up to 10 digits. */
    static final int MIN_SIZE = 1 + STAMP_DIGITS + 1 + 10 + 1;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;

    private Payload() {}

    /** Writes a payload of exactly {@code size} bytes into {@code into} (which must hold them). */
    static void write(byte[] into, long stamp, int sender, int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("a message has at least " + MIN_SIZE + " bytes, not " + size);
        }
        into[0] = MARK;
        for (int i = 0; i < STAMP_DIGITS; i++) {
            into[1 + i] = HEX[(int) (stamp >>> (4 * (STAMP_DIGITS - 1 - i))) & 0xf];
        }
        int at = 1 + STAMP_DIGITS;
        into[at++] = ':';
        byte[] digits = Integer.toString(sender).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, into, at, digits.length);
        at += digits.length;
        into[at++] = ':';
        while (at < size) {
            into[at++] = 'x';
        }
    }

    static byte[] of(long stamp, int sender, int size) {
        var bytes = new byte[size];
        write(bytes, stamp, sender, size);
        return bytes;
    }

    /** Where the payload starts in {@code line[from, to)}, or -1 if the line carries none. */
    static int find(byte[] line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == MARK) {
                return stampAt(line, i, to) >= 0 ? i : -1;
            }
        }
        return -1;
    }

    /**
     * The send time of the payload that starts at {@code at} (the first mark of {@code line[.., to)}),
     * or -1 if no payload starts there. One pass: this runs for every delivery.
     */
    static long stampAt(byte[] line, int at, int to) {
        return at + 1 + STAMP_DIGITS < to && line[at + 1 + STAMP_DIGITS] == ':' ? hex(line, at + 1) : -1;
    }

    /** The sender of the payload that starts at {@code at}, or -1 if its index is malformed. */
    static int sender(byte[] line, int at, int to) {
        int value = 0;
        int digits = 0;
        for (int i = at + 2 + STAMP_DIGITS; i < to; i++) {
            byte b = line[i];
            if (b == ':') {
                return digits == 0 ? -1 : value;
            }
            if (b < '0' || b > '9' || ++digits > 9) {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return -1;
    }

    /**
     * The 16 lower-case hex digits at {@code from}, or -1 if any is not one: eight at a time (SWAR, as in
     * {@link Scan}), since this runs for every delivery and a digit-by-digit loop of two branches each
     * was a twentieth of the load generator's CPU.
     */
    private static long hex(byte[] line, int from) {
        long high = hex8((long) LONGS.get(line, from));
        long low = hex8((long) LONGS.get(line, from + Long.BYTES));
        return (high | low) < 0 ? -1 : high << 32 | low;
    }

    /**
     * Eight ASCII hex digits ({@code 0-9a-f}), the first in the lowest byte, as their value, or -1. Every
     * byte below 0x80 (checked first), adding at most 0x50 to each cannot carry into the next: a byte's
     * high bit then says on which side of a bound it lies.
     */
    static long hex8(long word) {
        if ((word & HIGHS) != 0) {
            return -1;
        }
        long digit = (word + 0x5050505050505050L) & ~(word + 0x4646464646464646L);  // 0x30 <= b <= 0x39
        long letter = (word + 0x1f1f1f1f1f1f1f1fL) & ~(word + 0x1919191919191919L); // 0x61 <= b <= 0x66
        if (((digit | letter) & HIGHS) != HIGHS) {
            return -1;
        }
        long nibbles = (word & 0x0f0f0f0f0f0f0f0fL) + 9 * ((word >>> 6) & 0x0101010101010101L);
        long pairs = ((nibbles << 4) | (nibbles >>> 8)) & 0x00ff00ff00ff00ffL;  // first digit the higher
        long quads = ((pairs << 8) | (pairs >>> 16)) & 0x0000ffff0000ffffL;
        return ((quads << 16) | (quads >>> 32)) & 0xffffffffL;
    }
}
