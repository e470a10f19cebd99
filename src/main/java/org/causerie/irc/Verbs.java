package org.causerie.irc;

import java.util.Map;
import org.causerie.chat.ChatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IRC door's command table, with its central checks: registration first (451), enough
 * parameters (461), unknown commands (421); and the one place where a refusal thrown by the hub
 * becomes its numeric and a bug becomes a 400, never a dropped connection.
 */
final class Verbs {
    private static final Logger log = LoggerFactory.getLogger(Verbs.class);

    @FunctionalInterface
    interface Handler {
        void run(IrcClient client, IrcMessage message);
    }

    /** {@code params}: the fewest parameters; {@code early}: allowed before registration. */
    record Verb(int params, boolean early, Handler handler) {}

    private static final Map<String, Verb> TABLE = Map.ofEntries(
            Map.entry("CAP", new Verb(1, true, Registration::cap)),
            Map.entry("NICK", new Verb(0, true, Registration::nick)),
            Map.entry("USER", new Verb(4, true, Registration::user)),
            Map.entry("PASS", new Verb(1, true, Registration::pass)),
            Map.entry("AUTHENTICATE", new Verb(1, true, Sasl::authenticate)),
            Map.entry("PING", new Verb(1, true, ServerVerbs::ping)),
            Map.entry("PONG", new Verb(0, true, (client, message) -> { })),
            Map.entry("QUIT", new Verb(0, true, ServerVerbs::quit)),
            Map.entry("LUSERS", new Verb(0, false, (client, message) -> Welcome.lusers(client))),
            Map.entry("MOTD", new Verb(0, false, (client, message) -> client.numeric("422", "MOTD File is missing"))),
            Map.entry("JOIN", new Verb(1, false, ChannelVerbs::join)),
            Map.entry("PART", new Verb(1, false, ChannelVerbs::part)),
            Map.entry("TOPIC", new Verb(1, false, ChannelVerbs::topic)),
            Map.entry("NAMES", new Verb(0, false, ChannelVerbs::names)),
            Map.entry("LIST", new Verb(0, false, ChannelVerbs::list)),
            Map.entry("KICK", new Verb(2, false, ChannelVerbs::kick)),
            Map.entry("INVITE", new Verb(2, false, ChannelVerbs::invite)),
            Map.entry("MODE", new Verb(1, false, ModeVerbs::mode)),
            Map.entry("PRIVMSG", new Verb(0, false, MessageVerbs::privmsg)),
            Map.entry("NOTICE", new Verb(0, false, MessageVerbs::notice)),
            Map.entry("WHO", new Verb(0, false, UserVerbs::who)),
            Map.entry("WHOIS", new Verb(1, false, UserVerbs::whois)),
            Map.entry("ISON", new Verb(1, false, UserVerbs::ison)),
            Map.entry("USERHOST", new Verb(1, false, UserVerbs::userhost)),
            Map.entry("AWAY", new Verb(0, false, UserVerbs::away)),
            Map.entry("CHATHISTORY", new Verb(1, false, Chathistory::run)),
            Map.entry("OPER", new Verb(2, false, OperVerbs::oper)),
            Map.entry("KILL", new Verb(1, false, OperVerbs::kill)));

    private Verbs() {}

    static void run(IrcClient client, IrcMessage message) {
        String label = client.has(Cap.LABELED_RESPONSE) ? message.tags().get("label") : null;
        if (label == null) {
            check(client, message);
            return;
        }
        client.startLabel(label);
        try {
            check(client, message);
        } finally {
            client.endLabel();
        }
    }

    private static void check(IrcClient client, IrcMessage message) {
        Verb verb = TABLE.get(message.command());
        if (verb == null) {
            if (client.registered()) {
                client.numeric("421", message.command(), "Unknown command");
            } else {
                client.numeric("451", "You have not registered");
            }
            return;
        }
        if (!verb.early() && !client.registered()) {
            client.numeric("451", "You have not registered");
            return;
        }
        if (message.params().size() < verb.params()) {
            client.numeric("461", message.command(), "Not enough parameters");
            return;
        }
        try {
            verb.handler().run(client, message);
        } catch (ChatException refused) {
            client.refuse(refused, message.command(), message.param(0));
        } catch (RuntimeException e) { // a bug: this line fails, the session goes on, and we have a trace
            log.error("irc_command_failed session={} command={}", client.session().id(), message.command(), e);
            client.numeric("400", message.command(), "the server failed on this command; it was logged");
        }
    }
}
