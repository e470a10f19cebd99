package org.causerie.irc;

import java.util.List;

/** PING and QUIT. */
final class ServerVerbs {
    private ServerVerbs() {}

    static void ping(IrcClient client, IrcMessage message) {
        client.line(IrcLine.of(null, client.door().server, "PONG", List.of(client.door().server, message.param(0)), true));
    }

    static void quit(IrcClient client, IrcMessage message) {
        String reason = message.params().isEmpty() ? "" : Texts.clean(message.param(0));
        client.connection().quit(reason.isEmpty() ? "Quit" : "Quit: " + reason);
    }
}
