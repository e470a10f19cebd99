package org.causerie.command;

import org.causerie.chat.ChatException;
import org.causerie.event.Event;
import org.causerie.protocol.Input;
import org.causerie.protocol.LineParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one line of a session: parses it, checks the command's usage, runs the handler, and turns every
 * refusal into an {@code error} line. This is the one edge where exceptions become replies: nothing a
 * client sends can throw past it.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Commands commands;

    public Dispatcher(Commands commands) {
        this.commands = commands;
    }

    public Commands commands() {
        return commands;
    }

    /**
     * First contact, for every door that speaks the line protocol: the first whole line runs before the
     * session is seated in the lobby (so a first /format or /nick applies to the join and replay), unless
     * it ended the session. A message is meant for the lobby the welcome named: its sender is seated
     * first, then it is said.
     */
    public void handleFirst(Context context, String line, java.util.function.BooleanSupplier ended) {
        boolean message;
        try {
            message = LineParser.parse(line) instanceof Input.Chat;
        } catch (ChatException refused) { // a refused line: handle says why, the seat follows
            message = false;
        }
        if (message) {
            context.hub().seat(context.session());
        }
        handle(context, line);
        if (!message && !ended.getAsBoolean()) {
            context.hub().seat(context.session());
        }
    }

    /** Handles one line; the context's command name is ignored and set per line. */
    public void handle(Context context, String line) {
        String command = null;
        try {
            Input input = LineParser.parse(line);
            switch (input) {
                case Input.Blank blank -> { }
                case Input.Fin fin -> {
                    command = "quit"; // the lab's keyword is /quit by another name
                    run(context.forCommand(command), "fin");
                }
                case Input.Chat chat -> context.hub().say(context.session(), chat.text(), false);
                case Input.Command c -> {
                    command = c.name();
                    run(context.forCommand(command), c.rest());
                }
            }
        } catch (ChatException e) {
            org.causerie.metrics.Meters.commandError(e.code());
            context.session().send(new Event.Error(command, e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            // A bug, not the client's fault: say so, keep the session, and leave a trace for us.
            log.error("command_failed session={} command={}", context.session().id(), command, e);
            context.session().send(new Event.Error(command, "internal", "the server failed on this line; it was logged"));
        }
    }

    private void run(Context context, String rest) {
        CommandSpec spec = commands.find(context.command());
        if (spec == null) {
            throw new ChatException("unknown-command", "there is no command /" + context.command() + "; /help lists them");
        }
        Args args = spec.arity().split(rest);
        if (args == null) {
            throw new ChatException("bad-usage", "usage: " + spec.usage());
        }
        spec.handler().run(context, args);
    }
}
