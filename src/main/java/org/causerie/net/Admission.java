package org.causerie.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.causerie.Arrivals;
import org.causerie.Limits;
import org.causerie.chat.Network;

/**
 * Who may connect, decided at {@code accept}, before any TLS handshake or session: at most
 * {@code perAddress} connections from one source and {@code total} in all, new connections from one
 * source at most at its rate (a token bucket), and at most so many connections in a TLS handshake at
 * once. A source is an IPv4 address, or an IPv6 /64 (one subscriber's network: an attacker holds a
 * whole /64, not one address). The exempt networks skip the per-source rules. Every count taken is given
 * back by {@link #release} when the connection ends.
 *
 * <p>Thread-safe: a source's counts change under its map bin's lock ({@code compute}), the totals are atomic.
 */
public final class Admission {
    /** Sources remembered before idle ones (no connection, a full bucket) are swept. */
    private static final int SWEEP_ABOVE = 4_096;

    private final int perAddress;
    private final int total;
    private final Arrivals arrivals;
    private final List<Network> exempt = new ArrayList<>();
    private final ConcurrentHashMap<InetAddress, Source> sources = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();
    private final AtomicInteger handshaking = new AtomicInteger();
    private final LongSupplier nanos;
    private final Refusals refusals;
    private volatile int sweepAt = SWEEP_ABOVE;

    /** Why a connection may not come in: a stable code for the client, and the words it is told. */
    public record Refusal(String code, String text) {}

    /** One source's live connections and its bucket of new ones; guarded by the map's bin lock. */
    private static final class Source {
        int connections;
        double tokens;
        long last;

        Source(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }
    }

    public Admission(Limits limits) {
        this(limits.perAddress(), limits.total(), limits.exempt(), limits.arrivals(), System::nanoTime);
    }

    Admission(int perAddress, int total, List<String> exempt, Arrivals arrivals, LongSupplier nanos) {
        this.perAddress = perAddress;
        this.total = total;
        this.arrivals = arrivals;
        this.nanos = nanos;
        this.refusals = new Refusals(nanos);
        for (String cidr : exempt) {
            this.exempt.add(Network.cidr(cidr));
        }
    }

    /** The deadline on a connection's opening: its TLS handshake, a load balancer's PROXY header. */
    java.time.Duration handshakeTimeout() {
        return arrivals.handshakeTimeout();
    }

    /** The most connections this admits in all. */
    public int total() {
        return total;
    }

    /** Counts a connection just accepted from {@code address} in; returns null, or why it is refused. */
    Refusal admit(InetAddress address, String door) {
        Refusal refused = decide(address);
        if (refused != null) {
            org.causerie.metrics.Meters.limitHit(refused.code());
            refusals.note(source(address), address, door, refused.code());
        }
        return refused;
    }

    private Refusal decide(InetAddress address) {
        if (all.incrementAndGet() > total) {
            all.decrementAndGet();
            return new Refusal("too-many-connections", "the server is full (" + total + " connections); try again later");
        }
        if (exempt(address)) {
            return null;
        }
        long now = nanos.getAsLong();
        Refusal[] refused = new Refusal[1];
        sources.compute(source(address), (key, source) -> {
            if (source == null) {
                source = new Source(arrivals.connectBurst(), now);
            }
            source.tokens = Math.min(arrivals.connectBurst(),
                    source.tokens + (now - source.last) / 1e9 * arrivals.connectPerSecond());
            source.last = now;
            if (source.connections >= perAddress) {
                refused[0] = new Refusal("too-many-connections",
                        "too many connections from your address (" + perAddress + ")");
            } else if (source.tokens < 1) {
                long wait = (long) Math.ceil((1 - source.tokens) / arrivals.connectPerSecond());
                refused[0] = new Refusal("connecting-too-fast", "too many new connections from your address ("
                        + arrivals.connectBurst() + " at once, then " + rate() + " a second); try again in "
                        + Math.max(1, wait) + " s");
            } else {
                source.tokens -= 1;
                source.connections++;
            }
            return source;
        });
        if (refused[0] != null) {
            all.decrementAndGet();
        }
        if (sources.size() > sweepAt) {
            sweep(now);
        }
        return refused[0];
    }

    /** Gives back what {@link #admit} took for a connection that has ended. */
    void release(InetAddress address) {
        all.decrementAndGet();
        if (!exempt(address)) {
            sources.computeIfPresent(source(address), (key, source) -> {
                source.connections--;
                return source;
            });
        }
    }

    /** Takes a place among the connections in a TLS handshake; false when there is none left. */
    boolean startHandshake(InetAddress address, String door) {
        if (handshaking.incrementAndGet() > arrivals.handshakes()) {
            handshaking.decrementAndGet();
            refusals.note(source(address), address, door, "too-many-handshakes");
            return false;
        }
        return true;
    }

    /** How many connections are in a TLS handshake now. */
    public int handshaking() {
        return handshaking.get();
    }

    /** Gives back the place {@link #startHandshake} took, whatever the handshake's outcome. */
    void endHandshake() {
        handshaking.decrementAndGet();
    }

    /** Connections counted in now (for tests and the log). */
    int connections() {
        return all.get();
    }

    /** Drops the sources that hold nothing: no connection and a bucket full again. */
    private void sweep(long now) {
        sources.forEach((key, idle) -> sources.computeIfPresent(key, (k, source) -> {
            double tokens = source.tokens + (now - source.last) / 1e9 * arrivals.connectPerSecond();
            return source.connections == 0 && tokens >= arrivals.connectBurst() ? null : source;
        }));
        sweepAt = Math.max(SWEEP_ABOVE, sources.size() * 2); // amortised: a full map is not swept at every accept
    }

    private String rate() {
        double rate = arrivals.connectPerSecond();
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** Whether the address is in an exempt network (a classroom behind one address): per-source limits skip it. */
    public boolean exempt(InetAddress address) {
        for (Network network : exempt) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The source an address counts against: itself for IPv4, its /64 for IPv6. */
    static InetAddress source(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        for (int i = 8; i < 16; i++) {
            bytes[i] = 0;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
