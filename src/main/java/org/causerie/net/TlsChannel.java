package org.causerie.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking {@link SocketChannel}, through the JDK's {@link SSLEngine}: the handshake as
 * far as the bytes that have come allow ({@link #handshake}), then decrypted bytes in ({@link #read},
 * which never blocks) and records out ({@link #write}, which parks on {@link Readiness} while the client's
 * window is full, as a plain writer does). The record buffers are lent by {@link Buffers#RECORDS} for a
 * burst and given back by {@link #release}, so that an idle TLS connection holds none: at most the start
 * of a record cut in two, copied aside.
 *
 * <p>Threads: the reading side ({@link #handshake}, {@link #read}, {@link #release}) is run by one thread
 * at a time, handed from one burst to the next through the readiness registration, as the line reader
 * is. Everything that wraps and writes holds {@link #writing}: the outbox's writer, the reader answering
 * a message the engine must reply to (a TLS 1.3 key update), and the close_notify. The engine takes a
 * wrap and an unwrap from two threads at once.
 */
final class TlsChannel implements ReadableByteChannel {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final SocketChannel channel;
    private final Readiness.Interest interest;
    /** Held while wrapping and writing, so that records go out whole and in the engine's order. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Received, not yet decrypted; written into. Lent, null between bursts; reading side only. */
    private ByteBuffer in;
    /** Decrypted, not yet read; read from. Lent with {@link #in}. */
    private ByteBuffer plain;
    /** What {@link #in} and {@link #plain} held when they were given back (a record's start); or null. */
    private byte[] pending;
    private byte[] unread;
    /** The close_notify has been sent, or tried; guarded by {@link #writing}. */
    private boolean outputDone;
    /** The handshake has begun; reading side only. */
    private boolean begun;

    TlsChannel(SSLEngine engine, SocketChannel channel, Readiness.Interest interest) {
        this.engine = engine;
        this.channel = channel;
        this.interest = interest;
    }

    SSLEngine engine() {
        return engine;
    }

    /**
     * Takes the handshake as far as the bytes received allow: true once it is done, false when it must
     * wait for more (then its buffers are given back). Throws when it fails: a client that is not TLS,
     * offers nothing acceptable, or leaves. What the client sent after its last handshake message is kept
     * for {@link #read}.
     */
    boolean handshake() throws IOException {
        if (!begun) {
            begun = true;
            engine.beginHandshake();
        }
        lend();
        try {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> sendOwn();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult result = unwrap();
                        if (result.getStatus() == Status.CLOSED) {
                            throw new EOFException("the client left during the handshake");
                        }
                        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                            throw new SSLException("a TLS record larger than " + plain.capacity() + " bytes");
                        }
                        if (result.getStatus() == Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0
                                && result.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                            int read = receive();
                            if (read < 0) {
                                throw new EOFException("the client left during the handshake");
                            }
                            if (read == 0) {
                                return false;
                            }
                        }
                    }
                    case FINISHED, NOT_HANDSHAKING -> {
                        return true;
                    }
                }
            }
        } finally {
            release();
        }
    }

    /**
     * Decrypted bytes into {@code dst}: how many, 0 when no whole record has come (wait on readiness),
     * -1 at the end of the stream or the client's close_notify. Never blocks, but to answer a message
     * the engine must reply to, on the writers' lock.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        lend();
        while (!plain.hasRemaining()) {
            SSLEngineResult result = unwrap();
            switch (result.getStatus()) {
                case CLOSED -> {
                    return -1;
                }
                case BUFFER_OVERFLOW -> throw new SSLException("a TLS record larger than " + plain.capacity() + " bytes");
                case OK, BUFFER_UNDERFLOW -> {
                    boolean moved = answer(result.getHandshakeStatus()) || result.bytesConsumed() > 0;
                    if (!moved || result.getStatus() == Status.BUFFER_UNDERFLOW) {
                        int read = receive();
                        if (read <= 0) {
                            return read;
                        }
                    }
                }
            }
        }
        int n = Math.min(plain.remaining(), dst.remaining());
        dst.put(dst.position(), plain, plain.position(), n);
        dst.position(dst.position() + n);
        plain.position(plain.position() + n);
        return n;
    }

    /** Runs what a received message asked of the engine; whether there was anything. */
    private boolean answer(HandshakeStatus status) throws IOException {
        switch (status) {
            case NEED_TASK -> runTasks();
            case NEED_WRAP -> sendOwn();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** One record (or what has come of it) decrypted from {@link #in} into {@link #plain}, emptied first. */
    private SSLEngineResult unwrap() throws SSLException {
        in.flip();
        plain.compact();
        try {
            return engine.unwrap(in, plain);
        } finally {
            in.compact();
            plain.flip();
        }
    }

    /** Reads what the socket holds now into {@link #in}: how many bytes, 0 if none, -1 at its end. */
    private int receive() throws IOException {
        if (!in.hasRemaining()) { // a whole record would fit: a client that does not follow the limits
            throw new SSLException("a TLS record larger than " + in.capacity() + " bytes");
        }
        return channel.read(in);
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run(); // the handshake's costly steps (key agreement, signature): on this virtual thread
        }
    }

    /**
     * Encrypts and writes {@code bytes[offset, offset + length)}: a record per 16 KiB, each written
     * whole, the writer parked on readiness (no thread held in the kernel) while the client's window is
     * full. The record buffer is lent for this call only.
     */
    void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(bytes, offset, length);
        writing.lock();
        byte[] buffer = Buffers.RECORDS.take();
        try {
            ByteBuffer out = ByteBuffer.wrap(buffer);
            while (source.hasRemaining()) {
                out.clear();
                SSLEngineResult result = engine.wrap(source, out);
                if (result.getStatus() != Status.OK) {
                    throw new SSLException("cannot write: TLS is " + result.getStatus());
                }
                out.flip();
                flush(out);
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            }
        } finally {
            Buffers.RECORDS.give(buffer);
            writing.unlock();
        }
    }

    /** Wraps and writes what the engine has to say by itself: handshake messages, a key update. */
    private void sendOwn() throws IOException {
        writing.lock();
        byte[] buffer = Buffers.RECORDS.take();
        try {
            ByteBuffer out = ByteBuffer.wrap(buffer);
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                out.clear();
                SSLEngineResult result = engine.wrap(EMPTY, out);
                out.flip();
                flush(out);
                if (result.getStatus() != Status.OK) {
                    throw new SSLException("TLS closed while it had to answer (" + result.getStatus() + ")");
                }
                if (result.bytesProduced() == 0) {
                    throw new SSLException("the TLS engine asked to write and wrote nothing");
                }
            }
        } finally {
            Buffers.RECORDS.give(buffer);
            writing.unlock();
        }
    }

    private void flush(ByteBuffer out) throws IOException {
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                Readiness.shared().awaitWritable(interest);
            }
        }
    }

    /**
     * Sends close_notify (or the alert a failed handshake left) if the socket takes it now; never waits:
     * a writer stuck on a full window holds the lock, and then there is no room for it anyway. Once.
     */
    void closeOutbound() {
        if (!writing.tryLock()) {
            return;
        }
        byte[] buffer = null;
        try {
            if (outputDone) {
                return;
            }
            outputDone = true;
            buffer = Buffers.RECORDS.take();
            engine.closeOutbound();
            ByteBuffer out = ByteBuffer.wrap(buffer);
            engine.wrap(EMPTY, out);
            out.flip();
            while (out.hasRemaining() && channel.write(out) > 0) {
                // what does not fit now is not waited for
            }
        } catch (IOException | RuntimeException e) {
            // the peer is gone, never spoke TLS, or broke it: there is nothing to tell it
        } finally {
            if (buffer != null) {
                Buffers.RECORDS.give(buffer);
            }
            writing.unlock();
        }
    }

    /** Lends the buffers for a burst, with what was kept aside at the end of the last one. */
    private void lend() {
        if (in != null) {
            return;
        }
        in = ByteBuffer.wrap(Buffers.RECORDS.take());
        plain = ByteBuffer.wrap(Buffers.RECORDS.take()).limit(0);
        if (pending != null) {
            in.put(pending);
            pending = null;
        }
        if (unread != null) {
            plain.limit(unread.length).put(unread).flip();
            unread = null;
        }
    }

    /**
     * Gives the buffers back at the end of a burst; what they hold (at most a record's start: a burst
     * ends when {@link #read} found nothing whole) is copied aside. Reading side only.
     */
    void release() {
        if (in == null) {
            return;
        }
        in.flip();
        pending = in.hasRemaining() ? Arrays.copyOfRange(in.array(), in.position(), in.limit()) : null;
        unread = plain.hasRemaining() ? Arrays.copyOfRange(plain.array(), plain.position(), plain.limit()) : null;
        Buffers.RECORDS.give(in.array());
        Buffers.RECORDS.give(plain.array());
        in = null;
        plain = null;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Closing is the transport's: it closes the socket. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
