package org.causerie.irc;

import java.util.List;
import org.causerie.chat.ChatException;

/**
 * OPER and KILL. Causerie's server operators are accounts whose credentials whoever runs the server set
 * ({@code causerie server oper add NAME}): OPER NAME PASSWORD logs in to that account (the nickname
 * becomes NAME, as any login does) and is then an operator, on every door. KILL is the line door's
 * {@code /kill}.
 */
final class OperVerbs {
    private OperVerbs() {}

    static void oper(IrcClient client, IrcMessage message) {
        String name = message.param(0);
        if (!client.hub().accounts().operatorName(name)) {
            client.numeric("491", "No O-lines for your host");
            return;
        }
        var session = client.session();
        boolean already = session.account() != null
                && org.causerie.chat.Names.fold(session.account().nick()).equals(org.causerie.chat.Names.fold(name));
        if (!already) {
            try {
                client.handOver(client.hub().accounts().login(session, client.connection().address(), name,
                        message.param(1)));
            } catch (ChatException refused) {
                if (refused.code().equals("bad-login")) {
                    client.numeric("464", "Password incorrect");
                } else {
                    client.refuse(refused, "OPER", name);
                }
                return;
            }
        }
        if (!client.hub().accounts().serverOperator(session)) {
            client.numeric("491", "No O-lines for your host");
            return;
        }
        client.numeric("381", "You are now an IRC operator");
        client.line(IrcLine.of(null, client.me(), "MODE", List.of(client.me(), "+o"), false));
    }

    /** {@code KILL nick :reason}: the user is disconnected, and its channels see why. */
    static void kill(IrcClient client, IrcMessage message) {
        String reason = message.params().size() > 1 ? Texts.clean(message.param(1)) : "";
        client.hub().moderation().kill(client.session(), message.param(0), reason);
    }
}
