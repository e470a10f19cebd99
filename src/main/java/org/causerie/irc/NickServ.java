package org.causerie.irc;

import java.util.List;
import org.causerie.chat.ChatException;

/**
 * What IRC users type to reach their account, as on most networks: {@code /msg NickServ IDENTIFY
 * [NICK] PASSWORD} and {@code REGISTER PASSWORD}. A front for Causerie's accounts, not a user: its
 * name cannot be taken ({@code Names}), and nothing sent to it reaches anyone.
 */
final class NickServ {
    static final String NAME = "NickServ";
    private static final String SOURCE = "NickServ!NickServ@services.causerie";

    private NickServ() {}

    static void handle(IrcClient client, String text) {
        String[] words = text.trim().split(" +");
        try {
            switch (words[0].toUpperCase(java.util.Locale.ROOT)) {
                case "IDENTIFY" -> {
                    if (words.length < 2 || words.length > 3) {
                        tell(client, "usage: IDENTIFY [NICK] PASSWORD");
                        return;
                    }
                    String nick = words.length == 3 ? words[1] : client.session().nick();
                    var missed = client.hub().accounts().login(client.session(), client.connection().address(), nick,
                            words[words.length - 1]);
                    tell(client, "You are now identified for " + client.session().nick());
                    client.handOver(missed);
                }
                case "REGISTER" -> {
                    if (words.length < 2) {
                        tell(client, "usage: REGISTER PASSWORD");
                        return;
                    }
                    client.hub().accounts().register(client.session(), client.connection().address(), words[1]);
                    tell(client, "Nickname " + client.session().nick() + " registered; you are identified");
                    client.tellSharing(Cap.ACCOUNT_NOTIFY, IrcLine.of(Cloak.mask(client.session().nick(), false), "ACCOUNT",
                            client.session().nick()));
                }
                case "GHOST" -> ghost(client, words);
                default -> tell(client, "I know IDENTIFY [NICK] PASSWORD, REGISTER PASSWORD and GHOST NICK [PASSWORD]");
            }
        } catch (ChatException refused) {
            tell(client, refused.getMessage());
        }
    }

    /**
     * {@code GHOST NICK [PASSWORD]}: ends the other sessions of NICK's account (a connection that died
     * unnoticed). Logged in to that account, no password is needed; otherwise the password logs this
     * session in first (sessions of one account share its nickname), then the others are ended.
     */
    private static void ghost(IrcClient client, String[] words) {
        if (words.length < 2 || words.length > 3) {
            tell(client, "usage: GHOST NICK [PASSWORD]");
            return;
        }
        String nick = words[1];
        var account = client.session().account();
        if (account == null || !org.causerie.chat.Names.fold(account.nick()).equals(org.causerie.chat.Names.fold(nick))) {
            if (words.length < 3) {
                tell(client, "GHOST " + nick + " needs its password, or IDENTIFY first");
                return;
            }
            client.handOver(client.hub().accounts().login(client.session(), client.connection().address(), nick,
                    words[2]));
        }
        int ended = client.hub().accounts().ghost(client.session(), client.connection().address());
        tell(client, ended == 0 ? "No other session of " + nick + " to end" : "Ghost with your nick has been killed ("
                + ended + (ended == 1 ? " session)" : " sessions)"));
    }

    private static void tell(IrcClient client, String text) {
        client.line(IrcLine.of(null, SOURCE, "NOTICE", List.of(client.me(), text), true));
    }
}
