package org.causerie.irc;

/**
 * IRC ban masks ({@code nick!user@host}) as Causerie's, which match nicknames and account names: the
 * nick part is kept; {@code *!*@causerie/user/NAME} (an account's cloak) becomes {@code NAME}. The user
 * part is dropped, since every cloak's is derived from the nick.
 */
final class Bans {
    private Bans() {}

    static String toCauserie(String mask) {
        int bang = mask.indexOf('!');
        int at = mask.indexOf('@');
        if (bang < 0 && at < 0) {
            return mask;
        }
        String nick = mask.substring(0, bang >= 0 ? bang : at);
        String host = at >= 0 ? mask.substring(at + 1) : "*";
        if ((nick.isEmpty() || nick.equals("*")) && host.startsWith(Cloak.USER_HOST_PREFIX)) {
            return host.substring(Cloak.USER_HOST_PREFIX.length());
        }
        return nick.isEmpty() ? "*" : nick;
    }
}
