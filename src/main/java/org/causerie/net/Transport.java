package org.causerie.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
    /**
     * Plain TCP accepted through a channel: non-blocking, read on readiness ({@link Readiness}); null for
     * TLS (and a socket without a channel), which is read by a blocking thread.
     */
    private final SocketChannel channel;
    /** The channel's registration with {@link Readiness}, or null without a channel. */
    private final Readiness.Interest interest;
    /** The client a trusted proxy named in its PROXY header, or null: then the TCP peer is the client. */
    private volatile java.net.InetSocketAddress proxied;

    private Transport(Socket tcp, Socket socket, String kind, SocketChannel channel) {
        this.tcp = tcp;
        this.socket = socket;
        this.kind = kind;
        this.channel = channel;
        this.interest = channel == null ? null : new Readiness.Interest(channel);
    }

    /**
     * A plain TCP connection: read on readiness when it came through a channel (the listener's plain
     * ports), else blocking. Returns null, the socket closed, if it cannot be made non-blocking.
     */
    public static Transport plain(Socket tcp) {
        SocketChannel channel = tcp.getChannel();
        if (channel != null) {
            try {
                channel.configureBlocking(false);
            } catch (IOException e) {
                try {
                    tcp.close();
                } catch (IOException ignored) {
                    // closing is all that is left
                }
                return null;
            }
        }
        return new Transport(tcp, tcp, "plain", channel);
    }

    /** The non-blocking channel to read on readiness, or null: then read {@link #input} blocking. */
    SocketChannel channel() {
        return channel;
    }

    /**
     * Runs {@code onReadable} once, on the readiness thread, when bytes or the end of the stream come;
     * it must only start the thread that reads them. Throws if the connection is closed already.
     */
    void awaitReadable(Runnable onReadable) throws IOException {
        interest.onReadable(onReadable);
        Readiness.shared().awaitReadable(interest);
    }

    /** TLS over {@code tcp}, its handshake done. */
    static Transport tls(Socket tcp, SSLSocket tls) {
        return new Transport(tcp, tls, "tls", null);
    }

    /** {@code plain} or {@code tls}, for the log. */
    public String kind() {
        return kind;
    }

    /** The bytes in, for a blocking reader; a transport on readiness has no stream. */
    public InputStream input() throws IOException {
        if (channel != null) {
            throw new IllegalStateException("a transport on readiness is read through its channel");
        }
        return socket.getInputStream();
    }

    /** The bytes out: a write waits while the peer's window is full, without a thread parked in the kernel. */
    public OutputStream output() throws IOException {
        return channel == null ? socket.getOutputStream() : new ChannelOutput();
    }

    /** Writes to the non-blocking channel; waits on readiness when the send buffer is full. */
    private final class ChannelOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    Readiness.shared().awaitWritable(interest);
                }
            }
        }
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
        if (channel != null) {
            Readiness.shared().closed(); // a registered channel's descriptor is released by the selector
        }
    }
}
