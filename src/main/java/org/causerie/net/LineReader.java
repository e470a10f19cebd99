package org.causerie.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.causerie.chat.ChatException;

/**
 * Line framing: bytes in, UTF-8 lines out (LF or CRLF). Memory per connection is bounded by the line
 * limit: a longer line is reported as soon as the limit is passed and its rest is skipped up to the next
 * LF, never buffered. Not thread-safe: one reader thread per connection at a time (on readiness, the
 * burst's thread; the hand-over from one burst to the next goes through the selector's registration).
 */
public final class LineReader {
    /** The first read buffer: an idle connection keeps only this much, parked in its read. */
    static final int FIRST_CHUNK = 512;
    /** The largest read buffer, reached by doubling while reads fill the buffer. */
    static final int MAX_CHUNK = 8192;
    private static final int FIRST_LINE = 128;

    private final InputStream in;
    private final int maxBytes;
    /** The read buffer; null between bursts when it is lent by {@link Buffers} (no stream: read on readiness). */
    private byte[] chunk;
    private int chunkPos;
    private int chunkEnd;
    /**
     * The line so far; grows up to one byte more than the limit, for a CR before the LF. Null while no
     * line is begun, after {@link #release}.
     */
    private byte[] line;
    private int length;
    /** True while skipping the rest of a line that was too long. */
    private boolean skipping;

    public LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.chunk = new byte[FIRST_CHUNK];
        this.line = new byte[Math.min(FIRST_LINE, maxBytes + 1)];
    }

    /** A reader fed by {@link #fill(ReadableByteChannel)}, with a buffer lent for each burst. */
    LineReader(int maxBytes) {
        this.in = null;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads what {@code channel} (non-blocking) holds now, into a buffer lent by {@link Buffers} if none
     * is held: more than 0 when bytes not yet framed are buffered, 0 when there are none now, -1 at the
     * end of the stream. Never blocks.
     */
    int fill(ReadableByteChannel channel) throws IOException {
        if (chunkPos < chunkEnd) {
            return chunkEnd - chunkPos;
        }
        if (chunk == null) {
            chunk = Buffers.LINES.take();
        }
        int read = channel.read(ByteBuffer.wrap(chunk));
        chunkPos = 0;
        chunkEnd = Math.max(read, 0);
        return read;
    }

    /**
     * Gives back what a connection waiting for its next bytes need not hold: the lent read buffer once
     * all of it is framed, and the line buffer when no line is begun. A partial line is kept (at most
     * the limit).
     */
    void release() {
        if (in == null && chunk != null && chunkPos == chunkEnd) {
            Buffers.LINES.give(chunk);
            chunk = null;
            chunkPos = chunkEnd = 0;
        }
        if (length == 0) {
            line = null;
        }
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
        if (chunk == null) {
            return false;
        }
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
        if (line == null && chunkPos < chunkEnd) {
            line = new byte[Math.min(FIRST_LINE, maxBytes + 1)];
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
        return decode(line, end);
    }

    /**
     * The line as text, refused if it is not valid UTF-8. Most lines are ASCII and become a string with
     * no decoder; the others get a strict decoder of their own, so that a connection keeps none.
     */
    static String decode(byte[] bytes, int length) {
        int i = 0;
        while (i < length && bytes[i] >= 0) {
            i++;
        }
        if (i == length) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1); // ASCII: one byte per char
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ChatException("bad-encoding", "the line is not valid UTF-8; it was not sent");
        }
    }

    private ChatException tooLong() {
        return new ChatException("line-too-long", "a line has at most " + maxBytes + " bytes; it was discarded");
    }
}
