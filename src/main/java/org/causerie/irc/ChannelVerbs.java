package org.causerie.irc;

import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.chat.Room;

/** JOIN, PART, TOPIC, NAMES, LIST, KICK, INVITE: each a hub operation, its refusals as numerics. */
final class ChannelVerbs {
    private ChannelVerbs() {}

    /** {@code JOIN #a,#b keyA,keyB}, or {@code JOIN 0} to leave every channel. Each channel on its own. */
    static void join(IrcClient client, IrcMessage message) {
        if (message.param(0).equals("0")) {
            for (Room room : client.session().rooms()) {
                client.hub().part(client.session(), room.name(), "");
            }
            return;
        }
        String[] rooms = message.param(0).split(",");
        String[] keys = message.params().size() > 1 ? message.param(1).split(",") : new String[0];
        for (int i = 0; i < rooms.length; i++) {
            String name = rooms[i];
            client.sink().hold(name); // the replay after NAMES, as IRC clients expect it
            try {
                if (client.hub().join(client.session(), name, i < keys.length ? keys[i] : null)) {
                    Room room = client.hub().room(name);
                    topic(client, room, false);
                    names(client, room);
                }
            } catch (ChatException refused) {
                client.refuse(refused, "JOIN", name);
            } finally {
                client.sink().release(null);
            }
        }
    }

    static void part(IrcClient client, IrcMessage message) {
        String reason = message.params().size() > 1 ? Texts.clean(message.param(1)) : "";
        for (String name : message.param(0).split(",")) {
            try {
                client.hub().part(client.session(), name, reason);
            } catch (ChatException refused) {
                client.refuse(refused, "PART", name);
            }
        }
    }

    static void topic(IrcClient client, IrcMessage message) {
        String name = message.param(0);
        if (message.params().size() < 2) {
            topic(client, client.hub().room(name), true);
            return;
        }
        client.hub().topic(client.session(), name, Texts.clean(message.param(1)));
    }

    /** 332 (or 331 when asked and there is none). */
    private static void topic(IrcClient client, Room room, boolean asked) {
        String topic = room.topic();
        if (!topic.isEmpty()) {
            client.numeric("332", room.name(), topic);
        } else if (asked) {
            client.numeric("331", room.name(), "No topic is set");
        }
    }

    static void names(IrcClient client, IrcMessage message) {
        if (message.params().isEmpty()) {
            client.numeric("366", "*", "End of /NAMES list");
            return;
        }
        for (String name : message.param(0).split(",")) {
            try {
                names(client, client.hub().room(name));
            } catch (ChatException refused) {
                client.numeric("366", name, "End of /NAMES list");
            }
        }
    }

    /** 353 in lines that fit IRC's 512 bytes, then 366. */
    static void names(IrcClient client, Room room) {
        namesLines(client, room).forEach(client::line);
    }

    /** The lines of {@link #names(IrcClient, Room)}, not sent. */
    static List<String> namesLines(IrcClient client, Room room) {
        var lines = new java.util.ArrayList<String>();
        var line = new StringBuilder();
        for (String entry : client.hub().directory().members(room)) { // every node's members, in a cluster
            String shown = Members.shown(client, entry);
            if (line.length() + shown.length() > 380) {
                lines.add(client.numericLine("353", "=", room.name(), line.toString()));
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(shown);
        }
        if (!line.isEmpty()) {
            lines.add(client.numericLine("353", "=", room.name(), line.toString()));
        }
        lines.add(client.numericLine("366", room.name(), "End of /NAMES list"));
        return lines;
    }

    static void list(IrcClient client, IrcMessage message) {
        List<String> wanted = message.params().isEmpty() ? null : List.of(message.param(0).split(","));
        client.numeric("321", "Channel", "Users  Name");
        for (var room : client.hub().directory().listRooms()) { // every node's rooms, in a cluster
            if (wanted == null || wanted.stream().anyMatch(w -> w.equalsIgnoreCase(room.name()))) {
                client.numeric("322", room.name(), Integer.toString(room.members()), room.topic());
            }
        }
        client.numeric("323", "End of /LIST");
    }

    static void kick(IrcClient client, IrcMessage message) {
        String reason = message.params().size() > 2 ? Texts.clean(message.param(2)) : "";
        client.hub().focus(client.session(), message.param(0));
        for (String nick : message.param(1).split(",")) {
            try {
                client.hub().moderation().kick(client.session(), nick, reason);
            } catch (ChatException refused) {
                if (refused.code().equals("not-in-room")) {
                    client.numeric("441", nick, message.param(0), "They aren't on that channel");
                } else {
                    client.refuse(refused, "KICK", message.param(0));
                }
            }
        }
    }

    /**
     * {@code INVITE nick #room}: 341 to the inviter; the hub tells the invited user, and the channel's members
     * that asked for invite-notify (whichever door and node the invitation came from).
     */
    static void invite(IrcClient client, IrcMessage message) {
        String nick = message.param(0);
        String name = message.param(1);
        client.hub().focus(client.session(), name);
        client.hub().moderation().invite(client.session(), nick);
        client.numericWords("341", nick, name);
    }
}
