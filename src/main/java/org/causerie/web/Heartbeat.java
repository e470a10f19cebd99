package org.causerie.web;

import java.time.Duration;
import java.util.function.Consumer;
import org.causerie.net.Deadlines;

/**
 * Finds a WebSocket whose peer has gone without a word, after its first line, as the IRC door does
 * with PING: a socket from which nothing (a frame, a pong) has come for the keepalive idle time is sent
 * a ping, and dropped if nothing comes for as long again. The line door relies on TCP keepalive for the
 * same (a silent but present client is never dropped); a browser answers pings by itself, so a tab
 * that stays open is never dropped either. It holds no thread: one deadline on the shared timer,
 * re-armed while the socket lives.
 */
final class Heartbeat {
    private final Duration quiet;
    private final Runnable ping;
    private final Consumer<String> drop;
    /** When anything last came from the peer (or a line of its ended); read by the deadline. */
    private volatile long lastHeard = System.nanoTime();
    /** A ping was sent and nothing has come since. */
    private volatile boolean pinged;
    private volatile boolean stopped;

    /** {@code ping} sends a ping frame; {@code drop} ends the session with the reason given. */
    Heartbeat(Duration quiet, Runnable ping, Consumer<String> drop) {
        this.quiet = quiet;
        this.ping = ping;
        this.drop = drop;
    }

    /** Starts watching; a zero idle time watches nothing. */
    void start() {
        if (!quiet.isZero()) {
            heard();
            Deadlines.after(quiet, this::check);
        }
    }

    /** Something came from the peer: it is there. */
    void heard() {
        lastHeard = System.nanoTime();
        pinged = false;
    }

    void stop() {
        stopped = true;
    }

    /** Runs on the timer thread: must not block (a ping is queued, a drop handed to a thread). */
    private void check() {
        if (stopped) {
            return;
        }
        long silent = System.nanoTime() - lastHeard;
        if (silent < quiet.toNanos()) {
            Deadlines.after(Duration.ofNanos(quiet.toNanos() - silent), this::check);
        } else if (pinged) {
            stopped = true;
            drop.accept("ping timeout: " + quiet.toSeconds() + " s");
        } else {
            pinged = true;
            ping.run();
            Deadlines.after(quiet, this::check);
        }
    }
}
