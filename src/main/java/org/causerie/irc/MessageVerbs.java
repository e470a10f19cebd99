package org.causerie.irc;

import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.chat.Session;

/**
 * PRIVMSG and NOTICE, to channels and to nicknames (several targets, comma-separated). A NOTICE is
 * delivered as a message (Causerie has one kind) and, as RFC 2812 asks, never draws an automatic
 * reply, not even an error. Messages to NickServ go to {@link NickServ}, never to a user.
 */
final class MessageVerbs {
    /** Targets one line may name. */
    static final int MAX_TARGETS = 4;

    private MessageVerbs() {}

    static void privmsg(IrcClient client, IrcMessage message) {
        send(client, message, false);
    }

    static void notice(IrcClient client, IrcMessage message) {
        send(client, message, true);
    }

    private static void send(IrcClient client, IrcMessage message, boolean notice) {
        String command = notice ? "NOTICE" : "PRIVMSG";
        client.echoAnswers(); // labeled-response: the echo is the answer
        if (message.params().size() < 2 || message.param(1).isEmpty()) {
            if (!notice) {
                client.numeric(message.params().isEmpty() ? "411" : "412",
                        message.params().isEmpty() ? "No recipient given (PRIVMSG)" : "No text to send");
            }
            return;
        }
        Texts.Body body = Texts.parse(message.param(1));
        if (body == null) {
            if (!notice) {
                client.line(IrcLine.of(null, client.door().server, "NOTICE", List.of(client.me(),
                        "not sent: a message may hold IRC formatting codes and CTCP ACTION, no other control character"
                                + " or CTCP"), true));
            }
            return;
        }
        String[] targets = message.param(0).split(",");
        for (int i = 0; i < targets.length && i < MAX_TARGETS; i++) {
            String target = targets[i];
            try {
                deliver(client, target, body, notice);
            } catch (ChatException refused) {
                if (!notice) {
                    client.refuse(refused, command, target);
                }
            }
        }
    }

    private static void deliver(IrcClient client, String target, Texts.Body body, boolean notice) {
        Session me = client.session();
        if (target.startsWith("#")) {
            client.hub().say(me, target, body.text(), body.action());
        } else if (target.equalsIgnoreCase(NickServ.NAME)) {
            if (!notice) {
                NickServ.handle(client, body.text());
            }
        } else {
            client.hub().tell(me, target, body.action() ? Texts.ME + body.text() : body.text());
            if (!notice) {
                for (Session to : client.hub().online(target)) {
                    IrcClient irc = client.door().client(to);
                    if (irc != null && irc.away() != null) {
                        client.numeric("301", to.nick(), irc.away());
                        break;
                    }
                }
            }
        }
    }
}
