package org.causerie.command;

import java.util.List;
import org.causerie.chat.ChatException;
import org.causerie.protocol.Format;

/** Commands about the session itself: help, output format, leaving. */
final class SessionCommands {
    private SessionCommands() {}

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("help", "[COMMAND]", "list the commands, or explain one", SessionCommands::help),
                CommandSpec.of("format", "text|json", "choose the output format", SessionCommands::format),
                CommandSpec.of("quit", "[REASON...]", "leave the server (the line fin does the same)",
                        SessionCommands::quit));
    }

    private static void help(Context context, Args args) {
        String name = args.optional(0);
        if (name != null) {
            String bare = name.startsWith("/") ? name.substring(1) : name;
            CommandSpec spec = context.commands().find(bare.toLowerCase(java.util.Locale.ROOT));
            if (spec == null) {
                throw new ChatException("unknown-command", "there is no command /" + bare + "; /help lists them");
            }
            context.reply(spec.usage() + ": " + spec.summary());
            return;
        }
        var lines = new StringBuilder("commands (a line without / goes to your current room; //text sends /text):");
        var usages = new java.util.ArrayList<String>();
        for (CommandSpec spec : context.commands().all()) {
            lines.append('\n').append(String.format("%-24s %s", spec.usage(), spec.summary()));
            usages.add(spec.usage());
        }
        context.reply(lines.toString(), usages);
    }

    /**
     * Everything the session caused before it leaves comes before {@code = bye}, the echoes of its last
     * messages included (they come once stored), and nothing from its rooms after it.
     */
    private static void quit(Context context, Args args) {
        String reason = args.rest().isEmpty() ? "quit" : args.rest();
        context.hub().depart(context.session(), reason);
        context.reply("bye");
        context.peer().quit(reason);
    }

    /**
     * The switch waits until the messages produced before it are delivered, so that each event comes in
     * the format in force when it was produced (the outbox encodes in queue order, switches included).
     */
    private static void format(Context context, Args args) {
        Format format = Format.parse(args.word(0));
        context.hub().settle();
        context.peer().format(format);
        context.reply("format is now " + format.label());
    }
}
