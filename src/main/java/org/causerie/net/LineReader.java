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
public final class LineReader {
    /** The first read buffer: an idle connection keeps only this much, parked in its read. */
    static final int FIRST_CHUNK = 512;
    /** The largest read buffer, reached by doubling while reads fill the buffer. */
    static final int MAX_CHUNK = 8192;
    private static final int FIRST_LINE = 128;

    private final InputStream in;
    private final int maxBytes;
    private byte[] chunk = new byte[FIRST_CHUNK];
    private int chunkPos;
    private int chunkEnd;
    /** The line so far; grows up to one byte more than the limit, for a CR before the LF. */
    private byte[] line;
    private int length;
    /** True while skipping the rest of a line that was too long. */
    private boolean skipping;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.line = new byte[Math.min(FIRST_LINE, maxBytes + 1)];
    }

    /**
     * The next line without its ending, or null at the end of the stream (a partial last line is dropped:
     * the peer left mid-line). Throws {@code line-too-long} or {@code bad-encoding} for a refused line;
     * the caller may go on reading after either.
     */
    String next() throws IOException {
        while (true) {
            String whole = poll();
            if (whole != null) {
                return whole;
            }
            if (!fill()) {
                return null;
            }
        }
    }

    /**
     * Waits until bytes not yet framed are buffered, reading the stream if none are; false at the end of
     * the stream. The only method that may block.
     */
    public boolean fill() throws IOException {
        if (chunkPos < chunkEnd) {
            return true;
        }
        if (chunkEnd == chunk.length && chunk.length < MAX_CHUNK) {
            chunk = new byte[chunk.length * 2]; // the last read filled it: a busy client
        }
        int read = in.read(chunk);
        chunkPos = 0;
        chunkEnd = Math.max(read, 0);
        return read > 0;
    }

    /** The next byte, not taken, or -1 at the end of the stream; blocks as {@link #fill} does. */
    public int peek() throws IOException {
        return fill() ? chunk[chunkPos] & 0xff : -1;
    }

    /** Whether the bytes buffered and not yet framed start with all of {@code prefix}; never reads. */
    public boolean startsWith(byte[] prefix) {
        if (chunkEnd - chunkPos < prefix.length) {
            return false;
        }
        return java.util.Arrays.equals(chunk, chunkPos, chunkPos + prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The next whole line among the bytes buffered, or null if they hold none (what they hold of the next
     * line is kept for later); never reads the stream. Throws as {@link #next} does.
     */
    public String poll() {
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
                if (length > maxBytes) {
                    skipping = true;
                    length = 0;
                    throw tooLong();
                }
                line = java.util.Arrays.copyOf(line, Math.min(line.length * 2, maxBytes + 1));
            }
            line[length++] = b;
        }
        return null;
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
