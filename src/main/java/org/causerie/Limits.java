package org.causerie;

import java.time.Duration;
import java.util.List;

/**
 * What one client may take of the server, each limit with a clear error or notice before any
 * disconnect. The defaults never stop a well-behaved client: a person chatting, a classroom behind one
 * NAT address connecting together, a client replaying history. {@link #NONE} lifts them all (for
 * benchmarks and load tests); the calculator keeps its own bounds whatever this says.
 *
 * @param burst          lines a connection may send at once (the token bucket's size)
 * @param perSecond      lines per second a connection may send steadily (the bucket's refill)
 * @param floodGrace     how long a connection may stay over its rate, slowed down, before it is dropped
 * @param perAddress     connections from one IP address
 * @param exempt         networks (CIDR, e.g. 10.0.0.0/8) to which {@code perAddress} does not apply
 * @param total          connections in all
 * @param roomsPerUser   rooms one session may be in
 * @param membersPerRoom members one room may hold
 * @param guestTimeout   how long a connection may stay without sending a single line
 * @param keepAliveIdle  silence after which TCP keepalive probes check that the peer is still there
 */
public record Limits(int burst, double perSecond, Duration floodGrace, int perAddress, List<String> exempt,
        int total, int roomsPerUser, int membersPerRoom, Duration guestTimeout, Duration keepAliveIdle) {

    public static final Limits DEFAULTS = new Limits(40, 10, Duration.ofSeconds(20), 100, List.of(), 20_000, 100,
            5_000, Duration.ofMinutes(2), Duration.ofMinutes(2));

    /** No limit but the line length and the calculator's: for benchmarks and load tests. */
    public static final Limits NONE = new Limits(Integer.MAX_VALUE, Double.POSITIVE_INFINITY, Duration.ZERO,
            Integer.MAX_VALUE, List.of(), Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO,
            Duration.ofMinutes(2));

    public Limits {
        exempt = List.copyOf(exempt);
        if (burst < 1 || perSecond <= 0 || perAddress < 1 || total < 1 || roomsPerUser < 1 || membersPerRoom < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public boolean lifted() {
        return this == NONE || perSecond == Double.POSITIVE_INFINITY;
    }

    public Limits withRate(int burst, double perSecond) {
        return new Limits(burst, perSecond, floodGrace, perAddress, exempt, total, roomsPerUser, membersPerRoom,
                guestTimeout, keepAliveIdle);
    }

    public Limits withConnections(int perAddress, List<String> exempt, int total) {
        return new Limits(burst, perSecond, floodGrace, perAddress, exempt, total, roomsPerUser, membersPerRoom,
                guestTimeout, keepAliveIdle);
    }

    public Limits withRooms(int roomsPerUser, int membersPerRoom) {
        return new Limits(burst, perSecond, floodGrace, perAddress, exempt, total, roomsPerUser, membersPerRoom,
                guestTimeout, keepAliveIdle);
    }

    public Limits withTimeouts(Duration floodGrace, Duration guestTimeout, Duration keepAliveIdle) {
        return new Limits(burst, perSecond, floodGrace, perAddress, exempt, total, roomsPerUser, membersPerRoom,
                guestTimeout, keepAliveIdle);
    }
}
