package org.causerie.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;

/**
 * Bytes to and from one client, whatever carries them: a TCP socket, or TLS over one with its handshake
 * done ({@link TlsChannel}). A door reads and writes through it and never learns which. Both are read on
 * readiness when the socket came through a channel (every listener's port): an idle connection holds no
 * thread and no buffer. {@link #shutdownInput} and {@link #close} act on the TCP connection underneath,
 * so they work from any thread at any moment.
 */
public final class Transport implements Closeable {
    private final Socket tcp;
    private final String kind;
    /**
     * TCP accepted through a channel: non-blocking, read on readiness ({@link Readiness}); null for a
     * socket without a channel, which is read by a blocking thread.
     */
    private final SocketChannel channel;
    /** The channel's registration with {@link Readiness}, or null without a channel. */
    private final Readiness.Interest interest;
    /** TLS over the channel, its handshake done; null for plain TCP. */
    private final TlsChannel tls;
    /** The client a trusted proxy named in its PROXY header, or null: then the TCP peer is the client. */
    private volatile java.net.InetSocketAddress proxied;

    private Transport(Socket tcp, String kind, SocketChannel channel, Readiness.Interest interest, TlsChannel tls) {
        this.tcp = tcp;
        this.kind = kind;
        this.channel = channel;
        this.interest = interest;
        this.tls = tls;
    }

    /**
     * A plain TCP connection: read on readiness when it came through a channel (the listener's ports),
     * else blocking. Returns null, the socket closed, if it cannot be made non-blocking.
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
        return new Transport(tcp, "plain", channel, channel == null ? null : new Readiness.Interest(channel), null);
    }

    /** TLS over {@code tcp}'s channel, its handshake done: the same socket, registration and client. */
    static Transport tls(Transport tcp, TlsChannel tls) {
        var transport = new Transport(tcp.tcp, "tls", tcp.channel, tcp.interest, tls);
        transport.proxied = tcp.proxied;
        return transport;
    }

    /**
     * What to read on readiness: the non-blocking channel, or the TLS that decrypts it; null without a
     * channel: then read {@link #input} blocking.
     */
    ReadableByteChannel channel() {
        return tls != null ? tls : channel;
    }

    /** The TCP channel itself (for the TLS layered on it), or null. */
    SocketChannel socketChannel() {
        return channel;
    }

    /** The channel's registration with {@link Readiness}, or null without a channel. */
    Readiness.Interest interest() {
        return interest;
    }

    /**
     * Runs {@code onReadable} once, on the readiness thread, when bytes or the end of the stream come, or
     * on the closer's thread when this transport is closed; it must only start the thread that reads
     * them. Throws if the connection is closed already.
     */
    void awaitReadable(Runnable onReadable) throws IOException {
        interest.onReadable(onReadable);
        Readiness.shared().awaitReadable(interest);
    }

    /** Gives back what a burst of reading was lent (TLS's record buffers); the reader's thread only. */
    void release() {
        if (tls != null) {
            tls.release();
        }
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
        return tcp.getInputStream();
    }

    /** The bytes out: a write waits while the peer's window is full, without a thread parked in the kernel. */
    public OutputStream output() throws IOException {
        return channel == null ? tcp.getOutputStream() : new ChannelOutput();
    }

    /** Writes to the non-blocking channel, through TLS if there is; waits on readiness when the send buffer is full. */
    private final class ChannelOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (tls != null) {
                tls.write(bytes, offset, length);
                return;
            }
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

    /** Takes the client a trusted proxy named; called once, before the transport is opened. */
    void proxied(InetAddress client, int port) {
        proxied = new java.net.InetSocketAddress(client, port);
    }

    /** The reader sees the end of its stream; what is queued can still be written. */
    public void shutdownInput() throws IOException {
        tcp.shutdownInput();
    }

    /** Ends the output cleanly (TLS sends its close_notify first), once everything is written. */
    public void shutdownOutput() throws IOException {
        if (tls != null) {
            tls.closeOutbound();
        }
        tcp.shutdownOutput();
    }

    /**
     * Closes now (TLS sends its close_notify if the socket takes it at once); safe from any thread, at
     * any time. A closed channel is never reported ready, so what waits on readiness is run here.
     */
    @Override
    public void close() {
        if (tls != null) {
            tls.closeOutbound();
        }
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closed already, most likely
        }
        if (channel != null) {
            Readiness.shared().closed(); // a registered channel's descriptor is released by the selector
            interest.closed();
        }
    }
}
