package org.causerie.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts deliveries and latencies in the measured window, and paces the senders.
 *
 * <p>The window is {@code [from, until)} in nanoseconds since the run's epoch, fixed before any
 * sender starts (at {@code start}; what arrives before is not this run's traffic). Two counts come from it: deliveries that <em>arrived</em> in it (the rate), and
 * deliveries of messages <em>sent</em> in it, whenever they arrive (completeness, and the latencies,
 * so that the slow messages sent near the end still count).
 *
 * <p>Flow control is the same for every protocol: each sender may have {@code window} messages that
 * its probe (another member of its room, or its partner) has not yet received. An IRC server does not
 * echo a sender's message back, so the echo, which only Causerie sends, cannot be what paces it.
 */
final class Meter {
    private final long start;
    private final long from;
    private final long until;
    /** Who is where: whom each message is meant for. */
    private final Plan plan;
    /** By bot index: the bot whose receipts release this sender's window, or -1 for a bot that does not send. */
    private final int[] probe;
    private final Semaphore[] windows;
    private final Latencies latencies;
    /** Bot i sits on server i mod {@code servers} ({@link Target}): latencies split by where the receiver was. */
    private final int servers;
    private final Latencies sameNode;
    private final Latencies otherNode;
    private final LongAdder arrived = new LongAdder();
    private final LongAdder ofWindow = new LongAdder();
    private final LongAdder echoes = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder strays = new LongAdder();
    /** This run's messages received by a bot they were not meant for (another room, another pair). */
    private final LongAdder misdirected = new LongAdder();

    Meter(long start, long from, long until, Plan plan, int window, int servers) {
        this.servers = servers;
        this.start = start;
        this.from = from;
        this.until = until;
        this.plan = plan;
        this.probe = plan.probe();
        this.windows = new Semaphore[probe.length];
        this.latencies = new Latencies(probe.length);
        this.sameNode = new Latencies(servers > 1 ? probe.length : 0);
        this.otherNode = new Latencies(servers > 1 ? probe.length : 0);
        for (int i = 0; i < probe.length; i++) {
            if (probe[i] >= 0) {
                windows[i] = new Semaphore(window);
            }
        }
    }

    long from() {
        return from;
    }

    long until() {
        return until;
    }

    Semaphore window(int sender) {
        return windows[sender];
    }

    /** A sender sent a message stamped {@code stamp}. */
    void sent(long stamp) {
        if (stamp >= from && stamp < until) {
            sent.increment();
        }
    }

    /** Bot {@code receiver} received the payload of {@code sender} stamped {@code stamp} at {@code now}. */
    void delivered(int receiver, int sender, long stamp, long now) {
        if (stamp < start || now < start || sender >= probe.length || probe[sender] < 0) {
            // Not this run's: a room's history replayed on joining, or a message of an earlier run.
            strays.increment();
            return;
        }
        if (sender == receiver) {
            if (now >= from && now < until) {
                echoes.increment();
            }
            return;
        }
        if (!plan.reaches(sender, receiver)) {
            misdirected.increment(); // counted apart, so that it cannot stand in for a missing delivery
            return;
        }
        if (probe[sender] == receiver) {
            windows[sender].release();
        }
        if (now >= from && now < until) {
            arrived.increment();
        }
        if (stamp >= from && stamp < until) {
            ofWindow.increment();
            latencies.record(receiver, now - stamp);
            if (servers > 1) {
                (sender % servers == receiver % servers ? sameNode : otherNode).record(receiver, now - stamp);
            }
        }
    }

    long sentInWindow() {
        return sent.sum();
    }

    long arrivedInWindow() {
        return arrived.sum();
    }

    long deliveredOfWindow() {
        return ofWindow.sum();
    }

    long echoesInWindow() {
        return echoes.sum();
    }

    long misdirected() {
        return misdirected.sum();
    }

    long strays() {
        return strays.sum();
    }

    Latencies latencies() {
        return latencies;
    }

    /** Latencies of deliveries to a bot on its sender's server (several servers only). */
    Latencies sameNode() {
        return sameNode;
    }

    /** Latencies of deliveries to a bot on another server than its sender's (several servers only). */
    Latencies otherNode() {
        return otherNode;
    }
}
