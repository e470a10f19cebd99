package org.causerie.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.ssl.SSLSocket;

/**
 * Bytes to and from one client, whatever carries them: a TCP socket, or TLS over one with its handshake
 * done. A door reads and writes through it and never learns which. {@link #shutdownInput} and
 * {@link #close} act on the TCP connection underneath, so they work from any thread at any moment,
 * also while the reader is blocked inside a TLS record.
 */
public final class Transport {
    private final Socket tcp;
    private final Socket socket;
    private final String kind;
    /** The client a trusted proxy named in its PROXY header, or null: then the TCP peer is the client. */
    private volatile java.net.InetSocketAddress proxied;

    private Transport(Socket tcp, Socket socket, String kind) {
        this.tcp = tcp;
        this.socket = socket;
        this.kind = kind;
    }

    /** A plain TCP connection. */
    public static Transport plain(Socket tcp) {
        return new Transport(tcp, tcp, "plain");
    }

    /** TLS over {@code tcp}, its handshake done. */
    static Transport tls(Socket tcp, SSLSocket tls) {
        return new Transport(tcp, tls, "tls");
    }

    /** {@code plain} or {@code tls}, for the log. */
    public String kind() {
        return kind;
    }

    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    /** The TCP socket, for its options (no delay, keepalive). */
    Socket tcp() {
        return tcp;
    }

    /** The client's address: the one a trusted proxy's PROXY header named, else the TCP peer's. */
    public InetAddress address() {
        var client = proxied;
        return client != null ? client.getAddress() : tcp.getInetAddress();
    }

    /** The client's address and port, for the log; see {@link #address}. */
    public SocketAddress peer() {
        var client = proxied;
        return client != null ? client : tcp.getRemoteSocketAddress();
    }

    /** Takes the client a trusted proxy named; called once, before the door's connection runs. */
    void proxied(InetAddress client, int port) {
        proxied = new java.net.InetSocketAddress(client, port);
    }

    /** The reader sees the end of its stream; what is queued can still be written. */
    public void shutdownInput() throws IOException {
        tcp.shutdownInput();
    }

    /** Ends the output cleanly (TLS sends its close_notify first), once everything is written. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes now; safe from any thread, at any time. */
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closed already, most likely
        }
    }
}
