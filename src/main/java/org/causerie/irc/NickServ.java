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
                default -> tell(client, "I know IDENTIFY [NICK] PASSWORD and REGISTER PASSWORD");
            }
        } catch (ChatException refused) {
            tell(client, refused.getMessage());
        }
    }

    private static void tell(IrcClient client, String text) {
        client.line(IrcLine.of(null, SOURCE, "NOTICE", List.of(client.me(), text), true));
    }
}
