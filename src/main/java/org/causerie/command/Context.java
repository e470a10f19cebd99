package org.causerie.command;

import java.util.List;
import org.causerie.chat.Event;
import org.causerie.chat.Hub;
import org.causerie.chat.Session;

/** What a handler works with: the user, the hub, the connection, and the command being run. */
public record Context(Session session, Hub hub, Peer peer, Commands commands, String command) {

    public void reply(String text) {
        session.send(new Event.Reply(command, text));
    }

    public void reply(String text, List<String> items) {
        session.send(new Event.Reply(command, text, items));
    }

    Context forCommand(String name) {
        return new Context(session, hub, peer, commands, name);
    }
}
