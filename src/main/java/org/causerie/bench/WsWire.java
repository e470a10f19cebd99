package org.causerie.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Causerie's WebSocket door ({@code /ws}, docs/web.md): the same commands as {@link CauserieWire}, one
 * text frame per line, and JSON from the first frame (so no {@code /format json}, which the door
 * refuses). The bot upgrades its connection before greeting and reads frames as lines through
 * {@link WsFrames}; what it sends is framed here, masked as a client must (RFC 6455 5.3) with a key of
 * zeros, which leaves the payload as it is and costs the generator no pass over it.
 */
final class WsWire implements Wire {
    private static final byte[] ZERO_MASK = {0, 0, 0, 0};
    private final CauserieWire json = new CauserieWire();

    @Override
    public String name() {
        return "ws";
    }

    /** The HTTP upgrade, read byte by byte so that no frame after it is taken from the reader. */
    @Override
    public void open(Socket socket, Target target) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        OutputStream out = socket.getOutputStream();
        out.write(Wire.ascii("GET /ws HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        out.flush();
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 4096) {
                throw new IOException("no WebSocket upgrade: " + head.toString().lines().findFirst().orElse("(nothing)"));
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("WebSocket upgrade refused: " + head.toString().lines().findFirst().orElse(""));
        }
    }

    @Override
    public InputStream input(Link link, InputStream raw) {
        return new WsFrames(raw, pong -> link.send(frame(0xA, pong, pong.length)));
    }

    /**
     * The first line runs before the session is seated in {@code #general} (first contact), so a
     * {@code /ping} goes first: a first {@code /part #general} would be refused and the bot would stay
     * in the lobby, where every other bot's arrival reaches it.
     */
    @Override
    public void greet(Link link) throws IOException {
        link.send(text("/ping"));
        link.send(text("/part #general"));
        link.send(text("/nick " + link.nick()));
    }

    @Override
    public void join(Link link, String room) throws IOException {
        link.send(text("/join " + room));
    }

    @Override
    public byte[] toRoom(String room, byte[] payload, int length) {
        return frame(0x1, payload, length);
    }

    @Override
    public byte[] toPeer(String nick, byte[] payload, int length) {
        byte[] head = Wire.ascii("/msg " + nick + " ");
        return frame(0x1, Wire.concat(head, payload, length, new byte[0]), head.length + length);
    }

    @Override
    public boolean control(Link link, byte[] line, int from, int to) {
        return json.control(link, line, from, to);
    }

    private static byte[] text(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return frame(0x1, bytes, bytes.length);
    }

    /** One final, masked frame of {@code opcode} holding {@code payload[0, length)}. */
    static byte[] frame(int opcode, byte[] payload, int length) {
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        var bytes = new byte[header + 4 + length];
        bytes[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            bytes[1] = (byte) (0x80 | length);
        } else if (length < 65536) {
            bytes[1] = (byte) (0x80 | 126);
            bytes[2] = (byte) (length >> 8);
            bytes[3] = (byte) length;
        } else {
            bytes[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                bytes[2 + i] = (byte) ((long) length >> (56 - 8 * i));
            }
        }
        System.arraycopy(ZERO_MASK, 0, bytes, header, 4);
        System.arraycopy(payload, 0, bytes, header + 4, length);
        return bytes;
    }
}
