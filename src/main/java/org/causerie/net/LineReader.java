package org.causerie.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.causerie.chat.ChatException;

/**
 * Line framing: bytes in, UTF-8 lines out (LF or CRLF). Memory per connection is bounded by the line
 * limit: a longer line is reported as soon as the limit is passed and its rest is skipped up to the next
 * LF, never buffered. Not thread-safe: one reader thread per connection.
 */
final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[8192];
    private int chunkPos;
    private int chunkEnd;
    /** The line so far; one byte more than the limit, for a CR before the LF. */
    private final byte[] line;
    private int length;
    /** True while skipping the rest of a line that was too long. */
    private boolean skipping;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.line = new byte[maxBytes + 1];
    }

    /**
     * The next line without its ending, or null at the end of the stream (a partial last line is dropped:
     * the peer left mid-line). Throws {@code line-too-long} or {@code bad-encoding} for a refused line;
     * the caller may go on reading after either.
     */
    String next() throws IOException {
        while (true) {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk);
                chunkPos = 0;
                if (chunkEnd < 0) {
                    chunkEnd = 0;
                    return null;
                }
            }
            while (chunkPos < chunkEnd) {
                byte b = chunk[chunkPos++];
                if (b == '\n') {
                    if (skipping) {
                        skipping = false;
                        continue;
                    }
                    return take();
                }
                if (skipping) {
                    continue;
                }
                if (length == line.length) {
                    skipping = true;
                    length = 0;
                    throw tooLong();
                }
                line[length++] = b;
            }
        }
    }

    private String take() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        length = 0;
        if (end > maxBytes) {
            throw tooLong();
        }
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw new ChatException("bad-encoding", "the line is not valid UTF-8; it was not sent");
        }
    }

    private ChatException tooLong() {
        return new ChatException("line-too-long", "a line has at most " + maxBytes + " bytes; it was discarded");
    }
}
