package org.causerie.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Redis pub/sub (RESP2), the reference for how fast plain fan-out over TCP goes on the machine: a room
 * is a channel a bot SUBSCRIBEs to, a message is a PUBLISH. A subscribed connection may not publish, so
 * senders publish on a second connection ({@link #publishesApart}), and a private message goes to a
 * channel named after its recipient ({@link #needsInbox}). A PING answered by PONG is the registration.
 */
final class RedisWire implements Wire {
    private static final byte[] CRLF = {'\r', '\n'};
    /** {@link Link#wireState}: inside a subscribe confirmation, waiting for the channel's name. */
    private static final int SUBSCRIBING = 1;
    private static final byte[] SUBSCRIBE = Wire.ascii("subscribe");

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean publishesApart() {
        return true;
    }

    @Override
    public boolean needsInbox() {
        return true;
    }

    @Override
    public void greet(Link link) throws IOException {
        link.send(Wire.ascii("PING\r\n"));
    }

    @Override
    public void join(Link link, String room) throws IOException {
        link.send(Wire.ascii(command("SUBSCRIBE", room)));
    }

    @Override
    public byte[] toRoom(String room, byte[] payload, int length) {
        return Wire.concat(Wire.ascii("*3\r\n$7\r\nPUBLISH\r\n$" + room.length() + "\r\n" + room + "\r\n$" + length
                + "\r\n"), payload, length, CRLF);
    }

    @Override
    public byte[] toPeer(String nick, byte[] payload, int length) {
        return toRoom(nick, payload, length);
    }

    /**
     * RESP replies arrive one element per line: {@code *3}, {@code $9}, {@code subscribe}, {@code $6},
     * {@code #bench}, {@code :1}. Only the handshake matters here; a message's framing lines and
     * PUBLISH's counts are not chatter, and are passed over without making a String (they come by
     * millions).
     */
    @Override
    public boolean control(Link link, byte[] line, int from, int to) {
        if (to == from) {
            return false;
        }
        byte first = line[from];
        if (first == '+') {
            if (Wire.text(line, from, to).equals("+PONG")) {
                link.events().registered(link);
            }
        } else if (link.wireState == SUBSCRIBING && first != '$') {
            link.wireState = 0;
            String channel = Wire.text(line, from, to);
            if (channel.equals(link.joining())) {
                link.events().joined(link, channel);
            }
        } else if (to - from == SUBSCRIBE.length && Arrays.equals(line, from, to, SUBSCRIBE, 0, SUBSCRIBE.length)) {
            link.wireState = SUBSCRIBING;
        }
        return false;
    }

    /** Redis's own count of the memory it uses ({@code INFO memory}: {@code used_memory}), or -1. */
    static long usedMemory(Target target) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), target.connectTimeoutMillis());
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(Wire.ascii(command("INFO", "memory")));
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("used_memory:")) {
                    return Long.parseLong(line.substring("used_memory:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String command(String... words) {
        var resp = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            resp.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        return resp.toString();
    }
}
