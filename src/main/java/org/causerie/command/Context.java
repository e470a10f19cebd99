package org.causerie.command;

import java.util.List;
import org.causerie.event.Event;
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

    /** A list of a room's members, with those that are its operators and voiced members named apart. */
    public void reply(String text, List<String> items, List<String> operators, List<String> voiced) {
        session.send(new Event.Reply(command, text, items, operators, voiced));
    }

    Context forCommand(String name) {
        return new Context(session, hub, peer, commands, name);
    }
}
