package org.causerie.bench;

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

    private static long hex(byte[] line, int from) {
        long value = 0;
        for (int i = from; i < from + STAMP_DIGITS; i++) {
            byte b = line[i];
            int digit;
            if (b >= '0' && b <= '9') {
                digit = b - '0';
            } else if (b >= 'a' && b <= 'f') {
                digit = b - 'a' + 10;
            } else {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
