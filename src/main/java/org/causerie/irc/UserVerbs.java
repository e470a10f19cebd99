package org.causerie.irc;

import java.util.ArrayList;
import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.chat.Room;
import org.causerie.chat.Session;

/** WHO, WHOIS, ISON, USERHOST, AWAY: what IRC clients ask about people, for users of every door. */
final class UserVerbs {
    private UserVerbs() {}

    /** {@code WHO #channel} (its members) or {@code WHO nick}; no wildcards over the whole server. */
    static void who(IrcClient client, IrcMessage message) {
        String mask = message.params().isEmpty() ? "*" : message.param(0);
        if (mask.startsWith("#")) {
            try {
                var room = client.hub().directory().members(mask); // every node's members, in a cluster
                for (String entry : room.marked()) {
                    String nick = entry.replaceFirst("^[@+]+", "");
                    String status = entry.substring(0, entry.length() - nick.length());
                    List<Session> here = first(client, nick);
                    for (Session member : here) {
                        whoLine(client, room.room(), member, status.isEmpty() ? "" : status.substring(0, 1));
                    }
                    if (here.isEmpty()) { // connected to another node: what this node knows of them
                        client.numeric("352", room.room(), nick, "elsewhere", client.door().server, nick,
                                "H" + (status.isEmpty() ? "" : status.substring(0, 1)), "0 " + nick);
                    }
                }
            } catch (ChatException refused) {
                // an unknown channel has no members: the list is just empty
            }
        } else {
            for (Session member : first(client, mask)) {
                whoLine(client, "*", member, "");
            }
        }
        client.numeric("315", mask, "End of WHO list");
    }

    private static void whoLine(IrcClient client, String channel, Session member, String status) {
        IrcDoor door = client.door();
        client.numeric("352", channel, Members.user(member), Members.host(member), door.server, member.nick(),
                Members.presence(door, member) + status, "0 " + Members.realName(door, member));
    }

    private static List<Session> first(IrcClient client, String nick) {
        List<Session> online = client.hub().online(nick);
        return online.isEmpty() ? List.of() : List.of(online.getFirst());
    }

    static void whois(IrcClient client, IrcMessage message) {
        String nick = message.param(message.params().size() > 1 ? 1 : 0); // WHOIS [server] nick
        List<Session> online = first(client, nick);
        if (online.isEmpty()) {
            client.numeric("401", nick, "No such nick/channel");
            client.numeric("318", nick, "End of /WHOIS list");
            return;
        }
        Session who = online.getFirst();
        IrcDoor door = client.door();
        client.numeric("311", who.nick(), Members.user(who), Members.host(who), "*", Members.realName(door, who));
        var channels = new ArrayList<String>();
        for (Room room : who.rooms()) {
            for (String entry : room.nicksWithStatus()) {
                if (entry.replaceFirst("^[@+]+", "").equals(who.nick())) {
                    channels.add(Members.prefix(client, entry.substring(0, entry.length() - who.nick().length()))
                            + room.name());
                }
            }
        }
        if (!channels.isEmpty()) {
            client.numeric("319", who.nick(), String.join(" ", channels));
        }
        client.numeric("312", who.nick(), door.server, IrcDoor.NETWORK);
        IrcClient irc = door.client(who);
        if (irc != null && irc.away() != null) {
            client.numeric("301", who.nick(), irc.away());
        }
        if (who.account() != null) {
            client.numeric("330", who.nick(), who.account().nick(), "is logged in as");
        }
        client.numeric("318", who.nick(), "End of /WHOIS list");
    }

    static void ison(IrcClient client, IrcMessage message) {
        var here = new ArrayList<String>();
        for (String param : message.params()) {
            for (String nick : param.split(" ")) {
                List<Session> online = client.hub().online(nick);
                if (!nick.isEmpty() && !online.isEmpty()) {
                    here.add(online.getFirst().nick());
                }
            }
        }
        client.numeric("303", String.join(" ", here));
    }

    static void userhost(IrcClient client, IrcMessage message) {
        var replies = new ArrayList<String>();
        for (int i = 0; i < message.params().size() && i < 5; i++) {
            for (Session who : first(client, message.param(i))) {
                IrcClient irc = client.door().client(who);
                replies.add(who.nick() + "=" + (irc != null && irc.away() != null ? "-" : "+") + Members.user(who) + "@"
                        + Members.host(who));
            }
        }
        client.numeric("302", String.join(" ", replies));
    }

    static void away(IrcClient client, IrcMessage message) {
        String text = message.params().isEmpty() ? "" : Texts.clean(message.param(0));
        if (text.isEmpty()) {
            client.away(null);
            client.numeric("305", "You are no longer marked as being away");
        } else {
            client.away(text.length() > 390 ? text.substring(0, 390) : text);
            client.numeric("306", "You have been marked as being away");
        }
        notifyAway(client);
    }

    /**
     * away-notify: every IRC client that shares a channel with this one and asked for it is told, once.
     * Not under a room lock, so not ordered with the channels' events; an away change has no place in them.
     */
    private static void notifyAway(IrcClient client) {
        String away = client.away();
        String line = away == null ? IrcLine.of(client.mask(), "AWAY")
                : IrcLine.of(null, client.mask(), "AWAY", List.of(away), true);
        client.tellSharing(Cap.AWAY_NOTIFY, line);
    }
}
