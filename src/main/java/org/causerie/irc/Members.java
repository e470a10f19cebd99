package org.causerie.irc;

import org.causerie.chat.Session;

/** How a channel member is shown in NAMES and WHO, by the capabilities of who asks. */
final class Members {
    private Members() {}

    /**
     * {@code entry} is a nickname after its status prefixes ({@code @+bob}); without multi-prefix only
     * the highest is kept, and with userhost-in-names the nickname becomes {@code nick!user@host}.
     */
    static String shown(IrcClient client, String entry) {
        int start = 0;
        while (start < entry.length() && (entry.charAt(start) == '@' || entry.charAt(start) == '+')) {
            start++;
        }
        String nick = entry.substring(start);
        return prefix(client, entry.substring(0, start)) + (client.has(Cap.USERHOST_IN_NAMES) ? Cloak.mask(nick, client.door().account(nick)) : nick);
    }

    /** All of a member's status prefixes with multi-prefix, else only the highest. */
    static String prefix(IrcClient client, String prefixes) {
        return client.has(Cap.MULTI_PREFIX) || prefixes.length() < 2 ? prefixes : prefixes.substring(0, 1);
    }

    /** The cloak's user name: the same for every door (an IRC client's USER name is not shown). */
    static String user(Session session) {
        return Cloak.user(session.nick(), session.account() != null);
    }

    static String host(Session session) {
        return Cloak.host(session.nick(), session.account() != null);
    }

    static String realName(IrcDoor door, Session session) {
        IrcClient irc = door.client(session);
        return irc == null || irc.realName().isEmpty() ? session.nick() : irc.realName();
    }

    /** {@code H} here or {@code G} gone (away). */
    static String presence(IrcDoor door, Session session) {
        IrcClient irc = door.client(session);
        return irc != null && irc.away() != null ? "G" : "H";
    }
}
