package org.causerie;

import java.time.Duration;

/**
 * How connections may arrive, and what their arrival costs the others: part of {@link Limits}.
 *
 * @param connectBurst     new connections one address (an IPv6 /64) may open at once
 * @param connectPerSecond new connections per second one address may open steadily
 * @param handshakeTimeout the whole TLS handshake of one connection, however its bytes trickle in
 * @param handshakes       connections still in their TLS handshake, in all
 * @param announceUpTo     a guest's arrival is announced at once in a room of up to this many members;
 *                         in a bigger one, only once it speaks or has stayed {@code quietFor}, and its
 *                         leaving only if its arrival was announced
 * @param quietFor         how long a guest stays unannounced in a big room if it does not speak
 */
public record Arrivals(int connectBurst, double connectPerSecond, Duration handshakeTimeout, int handshakes,
        int announceUpTo, Duration quietFor) {

    public static final Arrivals DEFAULTS = new Arrivals(100, 5, Duration.ofSeconds(10), 1_000, 50,
            Duration.ofMinutes(1));

    /** No rate, every arrival announced; the handshake keeps its deadline (a silent peer is no load). */
    public static final Arrivals NONE = new Arrivals(Integer.MAX_VALUE, Double.POSITIVE_INFINITY,
            Duration.ofSeconds(10), Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofMinutes(1));

    public Arrivals {
        if (connectBurst < 1 || connectPerSecond <= 0 || handshakes < 1 || announceUpTo < 0
                || handshakeTimeout.isNegative() || handshakeTimeout.isZero() || quietFor.isNegative()) {
            throw new IllegalArgumentException("arrival limits must be positive");
        }
    }

    public Arrivals withConnectRate(int burst, double perSecond) {
        return new Arrivals(burst, perSecond, handshakeTimeout, handshakes, announceUpTo, quietFor);
    }

    public Arrivals withHandshake(Duration timeout, int inAll) {
        return new Arrivals(connectBurst, connectPerSecond, timeout, inAll, announceUpTo, quietFor);
    }

    public Arrivals withQuiet(int announceUpTo, Duration quietFor) {
        return new Arrivals(connectBurst, connectPerSecond, handshakeTimeout, handshakes, announceUpTo, quietFor);
    }
}
