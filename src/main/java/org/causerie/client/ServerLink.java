package org.causerie.client;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One TCP connection to a server, plain or under TLS, speaking UTF-8 lines. One thread reads; any thread may
 * {@link #send}, each line going out whole and flushed (sends are serialised on this link).
 */
public final class ServerLink implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final BufferedReader in;
    /** Guarded by {@code this}: a line is never interleaved with another thread's line. */
    private final Writer out;

    private ServerLink(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    }

    /** Connects over plain TCP, or throws the reason it could not (see {@link Connector#reason}). */
    public static ServerLink open(Address address, Duration timeout) throws IOException {
        return open(address, null, timeout);
    }

    /**
     * Connects, over TLS unless {@code tls} is null, or throws the reason it could not (see
     * {@link Connector#reason}); {@code timeout} bounds the connection and each read of the handshake.
     */
    public static ServerLink open(Address address, TlsTrust tls, Duration timeout) throws IOException {
        var socket = new Socket();
        try {
            // Chat lines are small and typed by people: send each at once rather than batch them.
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), Math.toIntExact(timeout.toMillis()));
            return new ServerLink(tls == null ? socket : tls.secure(socket, address, timeout));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The next line from the server, or null when it closed the connection. */
    public String readLine() throws IOException {
        return in.readLine();
    }

    /** Sends {@code line} and a newline; throws if the connection is gone. */
    public synchronized void send(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    /** Closes the socket, which also wakes a thread blocked in {@link #readLine}. Safe from any thread. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing is left to release
        }
    }
}
