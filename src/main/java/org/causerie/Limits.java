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
 * @param accounts       what password hashing, login attempts, new accounts and session tokens may cost
 * @param arrivals       how fast connections may arrive, their TLS handshake, and how they are announced
 * @param privateBytes   bytes of private messages one address may send to one recipient per
 *                       {@code privateWindow} (each message counts its text and 100 bytes more), so that
 *                       many guests from one address cannot bury a victim's connection
 * @param privateWindow  the window over which {@code privateBytes} refills, steadily
 * @param roomsPerAccount     lasting rooms one account may own
 * @param roomsPerAddressHour lasting rooms that may be created from one address per hour
 */
public record Limits(int burst, double perSecond, Duration floodGrace, int perAddress, List<String> exempt,
        int total, int roomsPerUser, int membersPerRoom, Duration guestTimeout, Duration keepAliveIdle,
        AccountLimits accounts, Arrivals arrivals, long privateBytes, Duration privateWindow, int roomsPerAccount,
        int roomsPerAddressHour) {

    public static final Limits DEFAULTS = new Limits(40, 10, Duration.ofSeconds(20), 100, List.of(), 20_000, 100,
            5_000, Duration.ofMinutes(2), Duration.ofMinutes(2), AccountLimits.DEFAULTS, Arrivals.DEFAULTS,
            32 * 1024, Duration.ofSeconds(10), 10, 20);

    /** No limit but the line length and the calculator's: for benchmarks and load tests. */
    public static final Limits NONE = new Limits(Integer.MAX_VALUE, Double.POSITIVE_INFINITY, Duration.ZERO,
            Integer.MAX_VALUE, List.of(), Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO,
            Duration.ofMinutes(2), AccountLimits.NONE, Arrivals.NONE, Long.MAX_VALUE,
            Duration.ofSeconds(1), Integer.MAX_VALUE, Integer.MAX_VALUE);

    public Limits {
        exempt = List.copyOf(exempt);
        if (burst < 1 || perSecond <= 0 || perAddress < 1 || total < 1 || roomsPerUser < 1 || membersPerRoom < 1
                || privateBytes < 100 || !privateWindow.isPositive() || roomsPerAccount < 1 || roomsPerAddressHour < 1) {
            throw new IllegalArgumentException("limits must be positive (private bytes at least 100)");
        }
    }

    public boolean lifted() {
        return this == NONE || perSecond == Double.POSITIVE_INFINITY;
    }

    /** A builder that starts from these limits; new limits are added here and in the record, nowhere else. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder that starts from {@link #DEFAULTS}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public static final class Builder {
        private int burst;
        private double perSecond;
        private Duration floodGrace;
        private int perAddress;
        private List<String> exempt;
        private int total;
        private int roomsPerUser;
        private int membersPerRoom;
        private Duration guestTimeout;
        private Duration keepAliveIdle;
        private AccountLimits accounts;
        private Arrivals arrivals;
        private long privateBytes;
        private Duration privateWindow;
        private int roomsPerAccount;
        private int roomsPerAddressHour;

        private Builder(Limits l) {
            burst = l.burst;
            perSecond = l.perSecond;
            floodGrace = l.floodGrace;
            perAddress = l.perAddress;
            exempt = l.exempt;
            total = l.total;
            roomsPerUser = l.roomsPerUser;
            membersPerRoom = l.membersPerRoom;
            guestTimeout = l.guestTimeout;
            keepAliveIdle = l.keepAliveIdle;
            accounts = l.accounts;
            arrivals = l.arrivals;
            privateBytes = l.privateBytes;
            privateWindow = l.privateWindow;
            roomsPerAccount = l.roomsPerAccount;
            roomsPerAddressHour = l.roomsPerAddressHour;
        }

        public Builder rate(int burst, double perSecond) {
            this.burst = burst;
            this.perSecond = perSecond;
            return this;
        }

        public Builder floodGrace(Duration floodGrace) {
            this.floodGrace = floodGrace;
            return this;
        }

        public Builder connections(int perAddress, List<String> exempt, int total) {
            this.perAddress = perAddress;
            this.exempt = exempt;
            this.total = total;
            return this;
        }

        public Builder rooms(int roomsPerUser, int membersPerRoom) {
            this.roomsPerUser = roomsPerUser;
            this.membersPerRoom = membersPerRoom;
            return this;
        }

        public Builder guestTimeout(Duration guestTimeout) {
            this.guestTimeout = guestTimeout;
            return this;
        }

        public Builder keepAliveIdle(Duration keepAliveIdle) {
            this.keepAliveIdle = keepAliveIdle;
            return this;
        }

        public Builder accounts(AccountLimits accounts) {
            this.accounts = accounts;
            return this;
        }

        /** Bytes of private messages one address may send one recipient per {@code window}. */
        public Builder privateBytes(long bytes, Duration window) {
            this.privateBytes = bytes;
            this.privateWindow = window;
            return this;
        }

        /** Lasting rooms one account may own, and that may be created from one address per hour. */
        public Builder roomsCreated(int perAccount, int perAddressHour) {
            this.roomsPerAccount = perAccount;
            this.roomsPerAddressHour = perAddressHour;
            return this;
        }

        public Builder arrivals(Arrivals arrivals) {
            this.arrivals = arrivals;
            return this;
        }

        public Limits build() {
            return new Limits(burst, perSecond, floodGrace, perAddress, exempt, total, roomsPerUser, membersPerRoom,
                    guestTimeout, keepAliveIdle, accounts, arrivals, privateBytes, privateWindow, roomsPerAccount,
                    roomsPerAddressHour);
        }
    }
}
