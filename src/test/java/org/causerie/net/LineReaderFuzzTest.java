package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.InRange;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.causerie.chat.ChatException;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Guards the framing of every connection: whatever bytes a client sends, in whatever pieces the network
 * delivers them, {@link LineReader} returns exactly the lines docs/protocol.md describes (valid UTF-8, at
 * most the limit in bytes, LF or CRLF removed), refuses the others with {@code line-too-long} or
 * {@code bad-encoding} and nothing else, and reaches the end of a finite stream.
 *
 * <p>The input is the limit, the largest piece a read returns, and the bytes.
 */
public class LineReaderFuzzTest {
    /** Streams of lines: CRLF, a bare CR, a line over the limit, and UTF-8 good and bad. */
    public static final List<Arguments> SEEDS = List.of(
            Arguments.of(16, 3, bytes("hello\r\nworld\nno end")),
            Arguments.of(8, 9000, bytes("a\rb\n\r\n\n\r\r\n")),
            Arguments.of(8, 5, bytes("123456789\r\n123456789\n12345678\r\n" + "x".repeat(50) + "\nok\n")),
            Arguments.of(32, 2, bytes("caf\u00e9 \ud83d\ude00\n\u202e\n")),
            Arguments.of(32, 7, new byte[] {(byte) 0xc3, 0x28, '\n', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n',
                (byte) 0xc0, (byte) 0xaf, '\n', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '\n', (byte) 0xe2,
                (byte) 0x82}));

    /** What one call of {@link LineReader#next} gave: a line, or the code of a refusal. */
    private record Outcome(String line, String refused) {
        static Outcome line(String line) {
            return new Outcome(line, null);
        }

        static Outcome refused(String code) {
            return new Outcome(null, code);
        }
    }

    @FieldSource("SEEDS")
    @FuzzTest
    @DictionaryFile(resourcePath = "/org/causerie/fuzz/causerie.dict")
    void read(@InRange(min = 1, max = 64) int limit, @InRange(min = 1, max = 9000) int maxRead, byte @NotNull [] bytes)
            throws IOException {
        check(limit, maxRead, bytes);
    }

    /** Reads {@code bytes} in pieces of at most {@code maxRead} with a limit of {@code limit} bytes a line. */
    public static void check(int limit, int maxRead, byte[] bytes) throws IOException {
        var reader = new LineReader(new Pieces(bytes, maxRead), limit);
        var outcomes = new ArrayList<Outcome>();
        // Every line or refusal takes at least one byte, so a reader that makes progress ends within this.
        for (int calls = 0; ; calls++) {
            if (calls > bytes.length + 1) {
                fail("no end after %d calls on %d bytes", calls, bytes.length);
            }
            String line;
            try {
                line = reader.next();
            } catch (ChatException e) {
                assertThat(e.code()).isIn("line-too-long", "bad-encoding");
                outcomes.add(Outcome.refused(e.code()));
                continue;
            }
            if (line == null) {
                break;
            }
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
            assertThat(line).doesNotContain("\n");
            assertThat(line.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                    .as("no lone surrogate").isTrue();
            outcomes.add(Outcome.line(line));
        }
        assertThat(reader.next()).as("the end stays the end").isNull();
        assertThat(outcomes).isEqualTo(expected(bytes, limit));
    }

    /**
     * The framing rules, written independently of the reader: split at LF; a piece over the limit plus
     * one byte (room for a CR) is refused even if its LF never comes; a finished piece loses one final CR,
     * is refused if still over the limit, and must decode as UTF-8; an unfinished last piece is dropped.
     */
    private static List<Outcome> expected(byte[] bytes, int limit) {
        var outcomes = new ArrayList<Outcome>();
        int start = 0;
        while (start <= bytes.length) {
            int lf = start;
            while (lf < bytes.length && bytes[lf] != '\n') {
                lf++;
            }
            boolean finished = lf < bytes.length;
            int length = lf - start;
            if (length > limit + 1) {
                outcomes.add(Outcome.refused("line-too-long"));
            } else if (finished) {
                if (length > 0 && bytes[lf - 1] == '\r') {
                    length--;
                }
                if (length > limit) {
                    outcomes.add(Outcome.refused("line-too-long"));
                } else {
                    outcomes.add(decode(Arrays.copyOfRange(bytes, start, start + length)));
                }
            }
            start = lf + 1;
        }
        return outcomes;
    }

    private static Outcome decode(byte[] line) {
        try {
            return Outcome.line(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString());
        } catch (CharacterCodingException e) {
            return Outcome.refused("bad-encoding");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream that hands out at most {@code maxRead} bytes per read, as a network does. */
    private static final class Pieces extends InputStream {
        private final ByteArrayInputStream in;
        private final int maxRead;

        Pieces(byte[] bytes, int maxRead) {
            this.in = new ByteArrayInputStream(bytes);
            this.maxRead = maxRead;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, maxRead));
        }
    }
}
