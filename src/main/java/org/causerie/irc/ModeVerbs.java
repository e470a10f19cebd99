package org.causerie.irc;

import org.causerie.chat.ChatException;
import org.causerie.chat.Room;

/**
 * MODE on a channel (the modes Causerie has: +i +k +m +t, +o +v, +b with its list) and on oneself.
 * A line may carry several changes ({@code +ov-k alice bob}); each is applied, and announced, on its
 * own, and a refused one does not stop the others.
 */
final class ModeVerbs {
    private ModeVerbs() {}

    static void mode(IrcClient client, IrcMessage message) {
        String target = message.param(0);
        if (!target.startsWith("#")) {
            user(client, target, message.params().size() > 1);
            return;
        }
        Room room = client.hub().room(target);
        if (message.params().size() < 2) {
            String modes = client.hub().moderation().modes(client.session(), room.name());
            String flags = modes.substring(modes.indexOf(' ') + 1);
            client.numericWords("324", room.name(), flags.equals("none") ? "+" : flags);
            return;
        }
        String changes = message.param(1);
        int next = 2;
        boolean on = true;
        for (char flag : changes.toCharArray()) {
            if (flag == '+' || flag == '-') {
                on = flag == '+';
                continue;
            }
            boolean takesArgument = flag == 'o' || flag == 'v' || flag == 'b' || (flag == 'k' && on);
            String argument = takesArgument && next < message.params().size() ? message.param(next++) : null;
            try {
                change(client, room, flag, on, argument);
            } catch (ChatException refused) {
                if (refused.code().equals("not-in-room") && argument != null && (flag == 'o' || flag == 'v')) {
                    client.numeric("441", argument, room.name(), "They aren't on that channel");
                } else {
                    client.refuse(refused, "MODE", room.name());
                }
            }
        }
    }

    private static void change(IrcClient client, Room room, char flag, boolean on, String argument) {
        var moderation = client.hub().moderation();
        switch (flag) {
            case 'b' -> {
                if (argument == null) {
                    for (String ban : moderation.bans(focus(client, room))) {
                        client.numericWords("367", room.name(), ban + "!*@*");
                    }
                    client.numeric("368", room.name(), "End of channel ban list");
                    return;
                }
                moderation.ban(focus(client, room), Bans.toCauserie(argument), on);
            }
            case 'o', 'v' -> {
                if (argument == null) {
                    client.numeric("461", "MODE", "Not enough parameters");
                    return;
                }
                moderation.grant(focus(client, room), argument, flag, on);
            }
            case 'i', 'm', 't', 'k' -> {
                if (flag == 'k' && on && argument == null) {
                    client.numeric("461", "MODE", "Not enough parameters");
                    return;
                }
                moderation.mode(client.session(), room.name(), (on ? "+" : "-") + flag, argument);
            }
            default -> client.numeric("472", String.valueOf(flag), "is unknown mode char to me");
        }
    }

    /** Moderation acts on the session's current room: this one, which it must be in. */
    private static org.causerie.chat.Session focus(IrcClient client, Room room) {
        client.hub().focus(client.session(), room.name());
        return client.session();
    }

    /** A user's own modes: none can be set; +i is always on (nobody is listed outside shared channels). */
    private static void user(IrcClient client, String target, boolean change) {
        if (!client.isMe(target)) {
            client.numeric("502", "Can't change mode for other users");
            return;
        }
        if (!change) {
            client.numeric("221", "+i");
        }
    }
}
