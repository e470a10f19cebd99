package org.causerie.chat;

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
 */
public record Rules(int replay, int roomsPerUser, int membersPerRoom, List<String> operators, Runnable shutdown,
        int announceUpTo, java.time.Duration quietFor) {
    public static final Rules DEFAULTS = new Rules(20, 100, 5_000, List.of(), () -> { }, 50,
            java.time.Duration.ofMinutes(1));

    public Rules {
        operators = operators.stream().map(Names::fold).toList();
    }

    /** The same rules with another threshold for announcing guests. */
    public Rules withQuiet(int announceUpTo, java.time.Duration quietFor) {
        return new Rules(replay, roomsPerUser, membersPerRoom, operators, shutdown, announceUpTo, quietFor);
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
