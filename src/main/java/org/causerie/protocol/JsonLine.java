package org.causerie.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One JSON object, written by hand straight into UTF-8 bytes for the few shapes of {@link JsonCodec}:
 * fields come out in the order they are added. Strings are escaped by the JSON rules, and then some, so
 * that a line is valid JSON with no raw line break and nothing a terminal or a JavaScript parser would
 * act on: {@code "} and {@code \}, every control character below U+0020 ({@code \b \t \n \f \r}, the
 * others in hexadecimal as Jackson writes them: {@code \}{@code u001B}), DEL, and the separators U+2028
 * and U+2029. Everything else goes out as its UTF-8 bytes; a lone surrogate, which no client can send
 * (the door refuses what is not UTF-8), becomes {@code ?}, as {@link String#getBytes} makes it. Field
 * names are the codec's own constants and are not escaped.
 *
 * <p>This replaced Jackson's generator, which cost several times more per event and kept a buffer per
 * writer thread (and every connection's writer is a thread of its own). Its output is what went on the
 * wire with Jackson, but for the three characters Jackson left raw (DEL, U+2028, U+2029);
 * {@code JsonCodecReferenceTest} and {@code EventCodecFuzzTest} hold it to that.
 */
final class JsonLine {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /**
     * For each byte: 0 if it is written as it is, the letter after the backslash if it is escaped, or
     * {@link #LEAD} for E2, the first byte of U+2028 and U+2029 in UTF-8 (and of other characters).
     */
    private static final byte[] ESCAPES = new byte[256];
    private static final byte LEAD = 1;
    /** 9999-12-31T23:59:59Z, the last second {@link #time} writes itself. */
    private static final long LAST_SECOND = 253_402_300_799L;

    static {
        Arrays.fill(ESCAPES, 0, 0x20, (byte) 'u');
        ESCAPES[0x7F] = 'u';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES[0xE2] = LEAD;
    }

    private byte[] out = new byte[256];
    private int size;

    JsonLine() {
        put('{');
    }

    /** A string field; a null value is written as {@code null}. */
    JsonLine text(String name, String value) {
        name(name);
        if (value == null) {
            ascii("null");
        } else {
            quote(value);
        }
        return this;
    }

    /** A string field that is left out when its value is null. */
    JsonLine optional(String name, String value) {
        return value == null ? this : text(name, value);
    }

    /** The {@code type} field, one of the codec's names, which need no escape. */
    JsonLine type(String type) {
        name("type");
        put('"');
        ascii(type);
        put('"');
        return this;
    }

    /**
     * A time as {@link Instant#toString} writes it. A time the server makes (UTC, whole milliseconds,
     * years 1970 to 9999) is written digit by digit, which costs a fraction of the JDK's formatter (a
     * good part of the encoding when it was Jackson's); any other goes to the JDK.
     */
    JsonLine time(String name, Instant time) {
        long seconds = time.getEpochSecond();
        int nanos = time.getNano();
        if (seconds < 0 || seconds > LAST_SECOND || nanos % 1_000_000 != 0) {
            return text(name, time.toString());
        }
        name(name);
        LocalDate day = LocalDate.ofEpochDay(seconds / 86_400);
        int second = (int) (seconds % 86_400);
        put('"');
        digits(day.getYear(), 4);
        put('-');
        digits(day.getMonthValue(), 2);
        put('-');
        digits(day.getDayOfMonth(), 2);
        put('T');
        digits(second / 3600, 2);
        put(':');
        digits(second / 60 % 60, 2);
        put(':');
        digits(second % 60, 2);
        if (nanos != 0) { // as the JDK: no fraction for a whole second
            put('.');
            digits(nanos / 1_000_000, 3);
        }
        put('Z');
        put('"');
        return this;
    }

    JsonLine number(String name, long value) {
        name(name);
        ascii(Long.toString(value));
        return this;
    }

    /** {@code "name":true}; a flag that is false is left out by the caller. */
    JsonLine flag(String name) {
        name(name);
        ascii("true");
        return this;
    }

    /** An array of strings, none of them null. */
    JsonLine texts(String name, List<String> values) {
        name(name);
        put('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                put(',');
            }
            quote(values.get(i));
        }
        put(']');
        return this;
    }

    /** The object, closed. */
    String end() {
        put('}');
        return new String(out, 0, size, StandardCharsets.UTF_8);
    }

    /** The object, closed, as the bytes of a line ending in a newline. */
    byte[] endLine() {
        put('}');
        put('\n');
        return Arrays.copyOf(out, size);
    }

    private void name(String name) {
        if (size > 1) {
            put(',');
        }
        put('"');
        ascii(name);
        put('"');
        put(':');
    }

    /** Copies the runs of bytes that need no escape whole, and escapes what lies between them. */
    private void quote(String value) {
        byte[] utf8 = Formatting.strip(value).getBytes(StandardCharsets.UTF_8); // IRC codes are for IRC readers

        put('"');
        int run = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte letter = ESCAPES[utf8[i] & 0xFF];
            if (letter == 0 || letter == LEAD && !separator(utf8, i)) {
                continue;
            }
            put(utf8, run, i);
            if (letter == LEAD) {
                escape('u', utf8[i + 2] == (byte) 0xA8 ? 0x2028 : 0x2029);
                i += 2;
            } else {
                escape(letter, utf8[i]);
            }
            run = i + 1;
        }
        put(utf8, run, utf8.length);
        put('"');
    }

    /** U+2028 (E2 80 A8) or U+2029 (E2 80 A9) at {@code i}; no other character's bytes hold them. */
    private static boolean separator(byte[] utf8, int i) {
        return i + 2 < utf8.length && utf8[i + 1] == (byte) 0x80
                && (utf8[i + 2] == (byte) 0xA8 || utf8[i + 2] == (byte) 0xA9);
    }

    private void escape(int letter, int c) {
        room(6);
        out[size++] = '\\';
        out[size++] = (byte) letter;
        if (letter == 'u') {
            out[size++] = HEX[c >> 12];
            out[size++] = HEX[c >> 8 & 0xF];
            out[size++] = HEX[c >> 4 & 0xF];
            out[size++] = HEX[c & 0xF];
        }
    }

    /** Writes text known to be ASCII and to need no escape. */
    private void ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    /** {@code value}, not negative, in {@code width} digits with leading zeros. */
    private void digits(int value, int width) {
        room(width);
        for (int i = width - 1; i >= 0; i--) {
            out[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    private void put(byte[] bytes, int from, int to) {
        room(to - from);
        System.arraycopy(bytes, from, out, size, to - from);
        size += to - from;
    }

    private void put(char c) {
        room(1);
        out[size++] = (byte) c;
    }

    private void room(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
