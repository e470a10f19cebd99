package org.causerie.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The server's WebSocket frames as lines: the payload of each text message followed by a newline, so
 * that {@link Link}'s line framing reads them unchanged (a JSON line never holds a raw newline). A ping
 * is answered through {@code pong}; a close frame ends the stream. Used by one reader thread. One read
 * returns as many whole frames as have arrived, so that one clock reading still covers what came together.
 */
final class WsFrames extends InputStream {
    /** Sends a pong with this payload; may block (it writes the socket). */
    interface Pong {
        void send(byte[] payload) throws IOException;
    }

    private final DataInputStream in;
    private final Pong pong;
    /** Payload bytes left in the current data frame. */
    private long left;
    /** Whether the current data frame ends its message (a newline follows its payload). */
    private boolean last;
    private boolean ended;

    WsFrames(InputStream raw, Pong pong) {
        this.in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024));
        this.pong = pong;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = 0;
        while (n < length && !ended) {
            if (left == 0 && last) { // a message ends here: its newline
                buffer[offset + n++] = '\n';
                last = false;
                continue;
            }
            if (left == 0 && n > 0 && in.available() < 2) {
                break; // what has arrived is handed over; the next frame may be far off
            }
            if (left == 0 && !nextDataFrame()) {
                ended = true;
                break;
            }
            int take = (int) Math.min(left, length - n);
            in.readFully(buffer, offset + n, take);
            n += take;
            left -= take;
        }
        if (n == 0 && ended) {
            return -1;
        }
        return n;
    }

    /** Reads frame headers until a data frame (answering pings); false at a close frame or the end. */
    private boolean nextDataFrame() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return false;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            int opcode = first & 0x0F;
            switch (opcode) {
                case 0x0, 0x1, 0x2 -> {
                    left = length;
                    last = (first & 0x80) != 0;
                    if (length > 0 || last) {
                        return true;
                    }
                }
                case 0x9 -> {
                    byte[] payload = new byte[(int) length];
                    in.readFully(payload);
                    pong.send(payload);
                }
                case 0x8 -> {
                    return false;
                }
                default -> in.skipNBytes(length); // a pong, or a reserved control frame
            }
        }
    }
}
