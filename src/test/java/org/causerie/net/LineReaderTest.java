package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.causerie.chat.ChatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {
    private static final int LIMIT = 16;

    private static LineReader reader(byte[] bytes) {
        return new LineReader(new ByteArrayInputStream(bytes), LIMIT);
    }

    private static LineReader reader(String text) {
        return reader(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(LineReader reader, String code) {
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void splitsOnLfAndCrLf() throws IOException {
        LineReader reader = reader("one\ntwo\r\n\nthree\r\n\r\n");
        assertThat(reader.next()).isEqualTo("one");
        assertThat(reader.next()).isEqualTo("two");
        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isEqualTo("three");
        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isNull();
    }

    @Test
    void aCrIsOnlyStrippedRightBeforeLf() throws IOException {
        LineReader reader = reader("a\rb\nc\r\r\n\rd\n");
        assertThat(reader.next()).isEqualTo("a\rb");
        assertThat(reader.next()).isEqualTo("c\r");
        assertThat(reader.next()).isEqualTo("\rd");
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws IOException {
        String full = "x".repeat(LIMIT);
        LineReader reader = reader(full + "\n" + full + "\r\n");
        assertThat(reader.next()).isEqualTo(full);
        assertThat(reader.next()).isEqualTo(full);
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineOfExactlyALimitTheBufferGrowsToIsAccepted() throws IOException {
        int limit = 512; // the first buffer (128 bytes) doubled twice: it is full at exactly the limit
        String full = "y".repeat(limit);
        var reader = new LineReader(new ByteArrayInputStream((full + "\r\n" + full + "\n" + full + "y\nok\n")
                .getBytes(StandardCharsets.UTF_8)), limit);
        assertThat(reader.next()).isEqualTo(full);
        assertThat(reader.next()).isEqualTo(full);
        assertRefused(reader, "line-too-long");
        assertThat(reader.next()).isEqualTo("ok");
    }

    @Test
    void theLimitCountsBytesNotCharacters() throws IOException {
        String eight = "é".repeat(LIMIT / 2); // two bytes each
        LineReader reader = reader(eight + "\n" + eight + "é\nok\n");
        assertThat(reader.next()).isEqualTo(eight);
        assertRefused(reader, "line-too-long");
        assertThat(reader.next()).isEqualTo("ok");
    }

    @ParameterizedTest(name = "limit + {0}")
    @ValueSource(ints = {1, 2, 3, 100})
    void aLongerLineIsRefusedAndTheNextOneRead(int extra) throws IOException {
        LineReader reader = reader("y".repeat(LIMIT + extra) + "\nnext\n");
        assertRefused(reader, "line-too-long");
        assertThat(reader.next()).isEqualTo("next");
        assertThat(reader.next()).isNull();
    }

    @Test
    void theLimitPlusOneWithCrLfIsStillRefused() throws IOException {
        LineReader reader = reader("z".repeat(LIMIT + 1) + "\r\nnext\r\n");
        assertRefused(reader, "line-too-long");
        assertThat(reader.next()).isEqualTo("next");
    }

    @Test
    void aHugeLineIsRefusedEarlyWithoutBeingBuffered() throws IOException {
        var huge = new Endless((byte) 'h', 1 << 20);
        var rest = new ByteArrayInputStream("\nafter\n".getBytes(StandardCharsets.UTF_8));
        var reader = new LineReader(new SequenceInputStream(huge, rest), LIMIT);

        assertRefused(reader, "line-too-long");
        assertThat(huge.produced).as("refused within the first chunk").isLessThanOrEqualTo(8192);
        assertThat(reader.next()).isEqualTo("after");
        assertThat(huge.produced).isEqualTo(1 << 20);
        assertThat(reader.next()).isNull();
    }

    @Test
    void invalidUtf8IsRefusedAndReadingGoesOn() throws IOException {
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28, '\n'}); // a lead byte without its continuation
        bytes.writeBytes(new byte[] {'a', (byte) 0x80, '\n'}); // a lone continuation byte
        bytes.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'}); // overlong '/'
        bytes.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // a UTF-16 surrogate
        bytes.writeBytes(new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '\n'});
        bytes.writeBytes(new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x82, '\n'}); // cut short
        bytes.writeBytes("fine é\n".getBytes(StandardCharsets.UTF_8));
        LineReader reader = reader(bytes.toByteArray());
        for (int i = 0; i < 6; i++) {
            assertRefused(reader, "bad-encoding");
        }
        assertThat(reader.next()).isEqualTo("fine é");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aCharacterSplitAcrossChunksIsWhole() throws IOException {
        var bytes = new ByteArrayOutputStream();
        while (bytes.size() < 8190) {
            bytes.writeBytes("abcdefghi\n".getBytes(StandardCharsets.US_ASCII)); // 819 lines, 8190 bytes
        }
        bytes.writeBytes("xé€😀\n".getBytes(StandardCharsets.UTF_8)); // é starts at byte 8191, ends at 8192
        byte[] all = bytes.toByteArray();
        assertThat(all[8191]).isEqualTo((byte) 0xC3);
        assertThat(all[8192]).isEqualTo((byte) 0xA9);

        LineReader reader = reader(all);
        for (int i = 0; i < 819; i++) {
            assertThat(reader.next()).isEqualTo("abcdefghi");
        }
        assertThat(reader.next()).isEqualTo("xé€😀");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aStreamThatTricklesOneByteAtATimeGivesTheSameLines() throws IOException {
        byte[] bytes = "€😀 ok\r\nsecond\n".getBytes(StandardCharsets.UTF_8);
        var reader = new LineReader(new Trickle(bytes), LIMIT);
        assertThat(reader.next()).isEqualTo("€😀 ok");
        assertThat(reader.next()).isEqualTo("second");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aPartialLastLineIsDropped() throws IOException {
        LineReader reader = reader("whole\npartial");
        assertThat(reader.next()).isEqualTo("whole");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void anEmptyStreamHasNoLine() throws IOException {
        assertThat(reader(new byte[0]).next()).isNull();
    }

    /** {@code count} copies of one byte, made as they are read, never held. */
    private static final class Endless extends InputStream {
        private final byte value;
        private final int count;
        int produced;

        Endless(byte value, int count) {
            this.value = value;
            this.count = count;
        }

        @Override
        public int read() {
            if (produced == count) {
                return -1;
            }
            produced++;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, count - produced);
            if (n <= 0) {
                return len == 0 ? 0 : -1;
            }
            java.util.Arrays.fill(b, off, off + n, value);
            produced += n;
            return n;
        }
    }

    /** Hands out one byte per read, like a slow network. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int pos;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            b[off] = bytes[pos++];
            return 1;
        }
    }

    @Test
    void buffersGrowForLongLinesUpToTheLimitAndNoFurther() throws IOException {
        int limit = 20_000;
        String longest = "x".repeat(limit);
        String tooLong = "y".repeat(limit + 1);
        byte[] bytes = (longest + "\n" + tooLong + "\nshort\n").getBytes(StandardCharsets.UTF_8);
        var reader = new LineReader(new ByteArrayInputStream(bytes), limit);
        assertThat(reader.next()).isEqualTo(longest);
        assertThatThrownBy(reader::next)
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo("line-too-long"));
        assertThat(reader.next()).isEqualTo("short");
        assertThat(reader.next()).isNull();
    }

    @Test
    void pollFramesOnlyWhatIsBufferedAndFillReadsTheStream() throws IOException {
        var reads = new java.util.concurrent.atomic.AtomicInteger();
        InputStream counting = new ByteArrayInputStream("a\nb\nc".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                return super.read(b, off, len);
            }
        };
        var reader = new LineReader(counting, LIMIT);
        assertThat(reader.poll()).isNull(); // nothing buffered yet, and poll never reads
        assertThat(reads).hasValue(0);
        assertThat(reader.peek()).isEqualTo('a');
        assertThat(reader.poll()).isEqualTo("a");
        assertThat(reader.poll()).isEqualTo("b");
        assertThat(reader.poll()).isNull(); // "c" has no end yet: kept
        assertThat(reads).hasValue(1);
        assertThat(reader.fill()).isFalse(); // the stream ends: the partial "c" is dropped
        assertThat(reader.next()).isNull();
    }
}
