package org.causerie.chat;

import java.time.Duration;
import java.util.List;

/**
 * The hub's settings: how much history a newcomer sees, how far one user may spread, who runs the
 * server, and what to do when a server operator asks it to stop.
 *
 * @param replay         the last messages of a room replayed to whoever joins it
 * @param roomsPerUser   rooms one session may be in
 * @param membersPerRoom members one room may hold
 * @param operators      accounts that are server operators (their credentials set with {@code causerie server
 *                       oper add}, read from the store at start)
 * @param shutdown       starts a graceful stop of the whole server (it must not block)
 * @param announceUpTo   a guest's arrival is announced at once in a room of up to this many members; in
 *                       a bigger one only once it speaks, logs in or has stayed {@code quietFor}
 * @param quietFor       how long a guest may stay unannounced in a big room
 * @param quotas         what one address or account may spend of others' attention and the server's rooms
 */
public record Rules(int replay, int roomsPerUser, int membersPerRoom, List<String> operators, Runnable shutdown,
        int announceUpTo, java.time.Duration quietFor, Quotas quotas) {
    public static final Rules DEFAULTS = new Rules(20, 100, 5_000, List.of(), () -> { }, 50,
            java.time.Duration.ofMinutes(1));

    /**
     * @param privateBytes       bytes of private messages one address may send one recipient per
     *                           {@code privateWindow}; each message counts its text plus {@link #PRIVATE_OVERHEAD}
     * @param privateWindow      the window over which {@code privateBytes} refills
     * @param roomsPerAccount    lasting rooms one account may own
     * @param roomsPerAddressHour lasting rooms that accounts from one address may create per hour
     */
    public record Quotas(long privateBytes, Duration privateWindow, int roomsPerAccount, int roomsPerAddressHour) {
        /** What a message costs beyond its text: the line around it and its place in the recipient's queue. */
        public static final int PRIVATE_OVERHEAD = 100;
        public static final Quotas DEFAULTS = new Quotas(32 * 1024, Duration.ofSeconds(10), 10, 20);
        public static final Quotas NONE = new Quotas(Long.MAX_VALUE, Duration.ofSeconds(1), Integer.MAX_VALUE,
                Integer.MAX_VALUE);

        public Quotas {
            if (privateBytes < PRIVATE_OVERHEAD || privateWindow.isNegative() || privateWindow.isZero()
                    || roomsPerAccount < 1 || roomsPerAddressHour < 1) {
                throw new IllegalArgumentException("quotas must be positive (private bytes at least "
                        + PRIVATE_OVERHEAD + ")");
            }
        }
    }

    public Rules {
        operators = operators.stream().map(Names::fold).toList();
    }

    public Rules(int replay, int roomsPerUser, int membersPerRoom, List<String> operators, Runnable shutdown,
            int announceUpTo, java.time.Duration quietFor) {
        this(replay, roomsPerUser, membersPerRoom, operators, shutdown, announceUpTo, quietFor, Quotas.DEFAULTS);
    }

    /** The same rules with another threshold for announcing guests. */
    public Rules withQuiet(int announceUpTo, java.time.Duration quietFor) {
        return new Rules(replay, roomsPerUser, membersPerRoom, operators, shutdown, announceUpTo, quietFor, quotas);
    }

    boolean isOperator(Session session) {
        var account = session.account();
        return account != null && isOperatorName(account.nick());
    }

    /** Whether {@code nick} is the name of a server operator's account. */
    boolean isOperatorName(String nick) {
        return operators.contains(Names.fold(nick));
    }
}
