package org.causerie.irc;

import org.causerie.chat.ChatException;

/**
 * Each refusal of the hub (a {@link ChatException} code, the same for every door) as its IRC numeric.
 * A refusal with no numeric of its own is 400 (ERR_UNKNOWNERROR) naming the command; one that changes
 * nothing (the mode was already set) is a notice.
 */
final class Refusals {
    private Refusals() {}

    static void send(IrcClient client, ChatException refused, String command, String subject) {
        String text = refused.getMessage();
        String about = subject == null ? "*" : subject;
        switch (refused.code()) {
            case "no-such-nick" -> client.numeric("401", about, "No such nick/channel");
            case "no-such-room" -> client.numeric("403", about, text);
            case "bad-room" -> {
                if (command.equals("JOIN")) {
                    client.numeric("476", about, "Bad Channel Mask: " + text);
                } else {
                    client.numeric("403", about, text);
                }
            }
            case "not-in-room" -> {
                switch (command) {
                    case "PRIVMSG", "NOTICE" -> client.numeric("404", about, "Cannot send to channel (you are not in it)");
                    default -> client.numeric("442", about, "You're not on that channel");
                }
            }
            case "moderated" -> client.numeric("404", about, "Cannot send to channel (+m)");
            case "not-operator" -> client.numeric("482", about, "You're not channel operator");
            case "not-server-operator" -> client.numeric("481", "Permission Denied- You're not an IRC operator");
            case "banned" -> client.numeric("474", about, "Cannot join channel (+b)");
            case "invite-only" -> client.numeric("473", about, "Cannot join channel (+i)");
            case "bad-key" -> client.numeric("475", about, "Cannot join channel (+k)");
            case "room-full" -> client.numeric("471", about, "Cannot join channel (+l)");
            case "too-many-rooms" -> client.numeric("405", about, "You have joined too many channels");
            case "bad-nick" -> client.numeric("432", about, "Erroneous nickname: " + text);
            case "nick-taken" -> client.numeric("433", about, "Nickname is already in use");
            case "nick-registered" -> client.numeric("433", about,
                    "Nickname is registered: log in with SASL, or /msg NickServ IDENTIFY " + about + " PASSWORD");
            case "bad-mode" -> client.numeric("472", about, "is unknown mode char to me");
            case "nick-unchanged" -> { } // NICK to the nick one has: nothing happens, as on other servers
            case "mode-unchanged", "no-such-ban" -> client.line(IrcLine.of(null, client.door().server, "NOTICE",
                    java.util.List.of(client.me(), text), true));
            default -> client.numeric("400", command, text + " (" + refused.code() + ")");
        }
    }
}
