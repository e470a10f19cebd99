package org.causerie.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.causerie.event.Event;
import org.causerie.protocol.JsonCodec;

/**
 * The client as {@code nc}: input lines go to the server as they are, server lines come out as they
 * arrive. At the end of the input it does not hang up at once, which would lose the answers still
 * on their way: it waits until the server closes (after {@code fin} or {@code /quit}) or has been quiet
 * for the linger time.
 *
 * <p>Threads: {@code client-reader} copies the server's lines out; {@code client-input} copies the
 * input in (a daemon: a terminal or pipe that never ends must not keep the process alive); the calling
 * thread waits for the end.
 */
public final class PipeSession {
    private final ServerLink link;
    private final InputStream in;
    private final OutputStream out;
    private final ClientOptions options;
    /** Guards the three fields below; waited on by the calling thread. */
    private final Object lock = new Object();
    private boolean serverClosed;
    private boolean inputDone;
    /** When the last server line arrived, or the input ended if later (System.nanoTime). */
    private long quietSince = System.nanoTime();

    public PipeSession(ServerLink link, InputStream in, OutputStream out, ClientOptions options) {
        this.link = link;
        this.in = in;
        this.out = out;
        this.options = options;
    }

    /** Runs until the end described above; returns the exit status (0). */
    public int run() throws InterruptedException {
        // Owned by the reader thread once it starts; the request it answers is sent below.
        var hidden = new HiddenReplies();
        if (options.json()) {
            hidden.expect("format", "format is now json");
        }
        Thread reader = Thread.ofPlatform().name("client-reader").start(() -> receive(hidden));
        try {
            if (options.json()) {
                link.send("/format json");
            }
            if (options.nick() != null) {
                link.send("/nick " + options.nick());
            }
            Thread.ofPlatform().name("client-input").daemon(true).start(this::pump);
        } catch (IOException e) {
            finished(); // the server is gone already: the reader reports its end
        }
        awaitEnd();
        link.close(); // wakes the reader if the server is still there
        reader.join();
        return 0;
    }

    private void awaitEnd() throws InterruptedException {
        long linger = options.linger().toNanos();
        synchronized (lock) {
            while (!serverClosed) {
                if (!inputDone) {
                    lock.wait();
                    continue;
                }
                long left = linger - (System.nanoTime() - quietSince);
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Copies input lines to the server until the input or the connection ends. */
    private void pump() {
        try (var input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = input.readLine()) != null) {
                link.send(line);
            }
        } catch (IOException e) {
            // the input failed, or the server is gone: either way nothing more goes out
        }
        finished();
    }

    private void finished() {
        synchronized (lock) {
            inputDone = true;
            quietSince = Math.max(quietSince, System.nanoTime());
            lock.notifyAll();
        }
    }

    /** Copies server lines out until the server closes (or we close the link). */
    private void receive(HiddenReplies hidden) {
        try {
            String line;
            while ((line = link.readLine()) != null) {
                heard();
                String shown = options.json() ? asJson(line, hidden) : line;
                if (shown != null) {
                    out.write((shown + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                heard(); // quiet is time spent waiting for the server, not time spent on its last line
            }
        } catch (IOException e) {
            // a reset or our own close: the end either way, as for nc
        }
        synchronized (lock) {
            serverClosed = true;
            lock.notifyAll();
        }
    }

    private void heard() {
        synchronized (lock) {
            quietSince = System.nanoTime();
            lock.notifyAll();
        }
    }

    /**
     * A line for a JSON reader: null for the answer to our own {@code /format json}; the greeting lines
     * the server sent in text before it turned into JSON, as the events they stand for; any other text
     * line from before the switch (a replayed message, say) as a notice that carries it, so that every
     * line out is JSON and nothing is dropped; any other line as it is.
     */
    private static String asJson(String line, HiddenReplies hidden) {
        if (!line.startsWith("{")) {
            Event greeting = TextLines.parse(line);
            return JsonCodec.render(greeting == null ? new Event.Notice(line) : greeting);
        }
        if (hidden.pending()) {
            try {
                if (hidden.hide(JsonCodec.parse(line))) {
                    return null;
                }
            } catch (RuntimeException e) {
                // not ours to judge: pass it on
            }
        }
        return line;
    }
}
