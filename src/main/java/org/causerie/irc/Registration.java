package org.causerie.irc;

import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.chat.Names;
import org.causerie.chat.Session;

/**
 * First contact on IRC: CAP, NICK, USER and PASS until the client is registered, then the welcome.
 * The session exists from the connection on (with a guest nickname, seated nowhere, its events not
 * yet delivered), so SASL can log it in; it takes the nickname asked for, and is told so, only when
 * NICK and USER have come and capability negotiation has ended. It is seated in no room until it JOINs.
 */
final class Registration {
    private Registration() {}

    static void cap(IrcClient client, IrcMessage message) {
        String sub = message.param(0).toUpperCase(java.util.Locale.ROOT);
        String who = client.registered() ? client.me() : client.wantedNick != null ? client.wantedNick : "*";
        switch (sub) {
            case "LS" -> {
                client.negotiating = !client.registered();
                boolean v302 = message.params().size() > 1 && message.param(1).compareTo("302") >= 0;
                var offered = new StringBuilder();
                for (Cap cap : Cap.values()) {
                    offered.append(offered.isEmpty() ? "" : " ").append(cap.advertised(v302));
                }
                client.line(IrcLine.of(null, client.door().server, "CAP", List.of(who, "LS", offered.toString()), true));
            }
            case "LIST" -> client.line(IrcLine.of(null, client.door().server, "CAP",
                    List.of(who, "LIST", String.join(" ", Cap.labels(client.caps()))), true));
            case "REQ" -> {
                client.negotiating = !client.registered();
                String asked = message.params().size() > 1 ? message.param(1).trim() : "";
                Integer caps = request(client.caps(), asked);
                client.line(IrcLine.of(null, client.door().server, "CAP", List.of(who, caps == null ? "NAK" : "ACK", asked),
                        true));
                if (caps != null) {
                    client.caps(caps);
                }
            }
            case "END" -> {
                client.negotiating = false;
                complete(client);
            }
            default -> client.numeric("410", sub, "Invalid CAP command");
        }
    }

    /** The capabilities after {@code asked} ("a -b c"), or null if one is unknown: all or nothing. */
    static Integer request(int caps, String asked) {
        if (asked.isEmpty()) {
            return null;
        }
        for (String word : asked.split(" +")) {
            boolean off = word.startsWith("-");
            Cap cap = Cap.find(off ? word.substring(1) : word);
            if (cap == null) {
                return null;
            }
            caps = off ? caps & ~cap.bit() : caps | cap.bit();
        }
        return caps;
    }

    static void nick(IrcClient client, IrcMessage message) {
        String nick = message.param(0);
        if (nick == null || nick.isEmpty()) {
            client.numeric("431", "No nickname given");
            return;
        }
        if (client.registered()) {
            client.hub().rename(client.session(), nick); // refusals become numerics at the verb table
            return;
        }
        Names.checkNick(nick);
        List<Session> holders = client.hub().online(nick);
        if (!holders.isEmpty() && !holders.contains(client.session())) {
            throw new ChatException("nick-taken", nick + " is taken");
        }
        client.wantedNick = nick;
        complete(client);
    }

    static void user(IrcClient client, IrcMessage message) {
        if (client.registered() || client.userGiven) {
            client.numeric("462", "You may not reregister");
            return;
        }
        String user = message.param(0).replaceAll("[^A-Za-z0-9._-]", "");
        client.user(user.isEmpty() ? "user" : user.substring(0, Math.min(user.length(), 16)),
                Texts.clean(message.param(3)));
        client.userGiven = true;
        complete(client);
    }

    /** Kept until registration completes, where it is checked (464 and closed when wrong or missing). */
    static void pass(IrcClient client, IrcMessage message) {
        if (client.registered()) {
            client.numeric("462", "You may not reregister");
            return;
        }
        client.pass = message.param(0);
    }

    /** Registers the client once NICK (or a SASL login) and USER have come and CAP negotiation is over. */
    static void complete(IrcClient client) {
        Session session = client.session();
        if (client.registered() || client.negotiating || !client.userGiven
                || (client.wantedNick == null && session.account() == null)) {
            return;
        }
        if (client.door().hasPassword() && !client.door().passwordIs(client.pass)) {
            client.numeric("464", "Password incorrect");
            client.connection().quit("Bad password"); // the server closes: a client cannot guess on
            return;
        }
        if (session.account() == null) {
            try {
                client.hub().rename(session, client.wantedNick);
            } catch (ChatException refused) {
                String wanted = client.wantedNick;
                client.wantedNick = null; // the client must send another NICK
                client.refuse(refused, "NICK", wanted);
                return;
            }
        }
        client.registered(true);
        Welcome.send(client);
        client.handOver(client.missed);
        client.missed.clear();
        if (session.account() != null) { // SASL: the rooms of the account's other sessions (multiclient)
            client.hub().attach(session);
        }
    }
}
