package org.causerie.irc;

/**
 * How every user, whatever door they came through, appears to IRC clients: {@code nick!user@host},
 * where the host is a cloak and never an address. An account holder is {@code nick!nick@causerie/user/nick},
 * a guest {@code nick!~guest@causerie/guest}: the host says only whether the nickname is registered.
 */
final class Cloak {
    static final String GUEST_HOST = "causerie/guest";
    static final String USER_HOST_PREFIX = "causerie/user/";

    private Cloak() {}

    static String user(String nick, boolean account) {
        return account ? nick : "~guest";
    }

    static String host(String nick, boolean account) {
        return account ? USER_HOST_PREFIX + nick : GUEST_HOST;
    }

    static String mask(String nick, boolean account) {
        return nick + "!" + user(nick, account) + "@" + host(nick, account);
    }
}
