package org.causerie.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of TCP connections, plain or TLS, for the whole process: one platform thread
 * ({@code readiness}) waits in a {@link Selector} on every connection that has nothing to read right now
 * (a TLS one also while its handshake waits for the client), so that such a connection holds no thread,
 * no stack and no read buffer. When bytes (or the end of the stream) arrive,
 * the connection's {@code onReadable} runs on this thread: it must only start a virtual thread, which
 * reads and runs the burst and, finding nothing more, asks again. A writer whose socket's send buffer
 * is full waits here too (parked, until the socket is writable or closed).
 *
 * <p>Interest is one-shot: an event clears it, so exactly one reader runs per connection at a time.
 */
final class Readiness {
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);
    /** A writer re-checks that its channel is still open this often, while parked. */
    private static final long WRITER_RECHECK_NANOS = 100_000_000;
    private static final Readiness SHARED = new Readiness();

    private final Selector selector;

    private Readiness() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().name("readiness").daemon().start(this::loop);
    }

    static Readiness shared() {
        return SHARED;
    }

    /** One connection's registration and what waits on it; its {@code ops} are guarded by its monitor. */
    static final class Interest {
        private final SocketChannel channel;
        private volatile Runnable onReadable;
        private SelectionKey key;
        private int ops;
        private volatile Thread writer;
        private volatile boolean writable;

        Interest(SocketChannel channel) {
            this.channel = channel;
        }

        void onReadable(Runnable action) {
            this.onReadable = action;
        }

        /**
         * The channel has been closed: a closed channel is never reported ready, so whoever waits to read
         * is told here, on the closer's thread (its action only starts a thread, which finds the close).
         */
        void closed() {
            Runnable action = onReadable;
            if (action != null) {
                action.run();
            }
        }
    }

    /** Runs {@code interest}'s {@code onReadable} once, on the selector thread, when its channel is readable. */
    void awaitReadable(Interest interest) throws ClosedChannelException {
        want(interest, SelectionKey.OP_READ);
    }

    /** Parks the caller (an outbox writer) until the channel can take bytes again, or is closed. */
    void awaitWritable(Interest interest) throws ClosedChannelException {
        interest.writable = false;
        interest.writer = Thread.currentThread();
        try {
            want(interest, SelectionKey.OP_WRITE);
            while (!interest.writable && interest.channel.isOpen()) {
                LockSupport.parkNanos(interest, WRITER_RECHECK_NANOS);
            }
        } finally {
            interest.writer = null;
        }
        if (!interest.channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private void want(Interest interest, int op) throws ClosedChannelException {
        synchronized (interest) {
            interest.ops |= op;
            try {
                if (interest.key == null) {
                    interest.key = interest.channel.register(selector, interest.ops, interest);
                } else {
                    interest.key.interestOps(interest.ops);
                }
            } catch (CancelledKeyException e) {
                throw new ClosedChannelException();
            }
        }
        selector.wakeup(); // the new interest counts from the next select: make it come now
    }

    /** Lets the selector release a closed channel's descriptor now rather than at its next event. */
    void closed() {
        selector.wakeup();
    }

    private void loop() {
        while (true) {
            try {
                selector.select(this::ready);
            } catch (IOException | RuntimeException e) { // the loop must outlive any one connection's trouble
                log.error("readiness_failed", e);
            }
        }
    }

    private void ready(SelectionKey key) {
        var interest = (Interest) key.attachment();
        int ready;
        synchronized (interest) {
            try {
                ready = key.readyOps();
                interest.ops &= ~ready;
                key.interestOps(interest.ops);
            } catch (CancelledKeyException e) {
                ready = SelectionKey.OP_READ | SelectionKey.OP_WRITE; // closed: wake whoever waits, they see it
            }
        }
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            interest.writable = true;
            Thread writer = interest.writer;
            if (writer != null) {
                LockSupport.unpark(writer);
            }
        }
        if ((ready & SelectionKey.OP_READ) != 0) {
            interest.onReadable.run();
        }
    }
}
