package org.causerie.command;

import java.util.List;
import org.causerie.chat.ChatException;

/** Room moderation, by the room's operators, in your current room; and server operation. */
final class ModerationCommands {
    private ModerationCommands() {}

    static List<CommandSpec> specs() {
        return List.of(
                grant("op", 'o', true, "make NICK an operator of your current room"),
                grant("deop", 'o', false, "take operator from NICK"),
                grant("voice", 'v', true, "let NICK speak in a moderated room (+m)"),
                grant("devoice", 'v', false, "take voice from NICK"),
                CommandSpec.of("kick", "NICK [REASON...]", "put NICK out of your current room", (context, args) ->
                        context.hub().moderation().kick(context.session(), args.word(0), args.rest())),
                CommandSpec.of("ban", "[MASK]", "ban a nickname or account mask (troll, guest-*), or list the bans",
                        ModerationCommands::ban),
                CommandSpec.of("unban", "MASK", "lift a ban", (context, args) ->
                        context.hub().moderation().ban(context.session(), args.word(0), false)),
                CommandSpec.of("invite", "NICK", "let NICK into your current room, even if invite-only", (context, args) ->
                        context.reply(args.word(0) + " is invited to "
                                + context.hub().moderation().invite(context.session(), args.word(0)))),
                CommandSpec.free("mode", "[ROOM] [+i|-i|+k KEY|-k|+m|-m|+t|-t]", "show or change a room's modes",
                        ModerationCommands::mode),
                CommandSpec.of("redact", "ROOM ID", "remove message ID from the room's history (its operators)",
                        (context, args) -> {
                            context.hub().moderation().redact(context.session(), args.word(0), id(args.word(1)));
                            context.reply("message " + args.word(1) + " of " + args.word(0) + " is removed");
                        }),
                CommandSpec.of("purge", "NICK [ROOM]", "remove NICK's messages from a room's history (its operators),"
                        + " or from all history (server operators)", (context, args) -> {
                            int removed = context.hub().moderation().purge(context.session(), args.word(0), args.optional(1));
                            context.reply(removed + (removed == 1 ? " message" : " messages") + " of " + args.word(0)
                                    + " removed" + (args.optional(1) == null ? "" : " from " + args.optional(1)));
                        }),
                CommandSpec.of("close", "ROOM [REASON...]", "server operators: close a room for good", (context, args) ->
                        context.hub().moderation().close(context.session(), args.word(0), args.rest())),
                CommandSpec.of("kill", "NICK [REASON...]", "server operators: disconnect a user", (context, args) -> {
                    context.hub().moderation().kill(context.session(), args.word(0), args.rest());
                    context.reply(args.word(0) + " is disconnected");
                }),
                CommandSpec.of("nodes", "", "server operators: the cluster's nodes and their sessions", (context, args) -> {
                    List<String> nodes = context.hub().moderation().nodes(context.session());
                    context.reply(nodes.size() + (nodes.size() == 1 ? " node" : " nodes") + "\n" + String.join("\n", nodes),
                            nodes);
                }),
                CommandSpec.of("drain", "[SECONDS]", "server operators: take no new sessions, tell everyone to reconnect"
                        + " to another server, and stop once they have gone or after SECONDS (default 60)",
                        (context, args) -> {
                    String seconds = args.optional(0);
                    if (seconds != null && (seconds.isEmpty() || seconds.length() > 4
                            || !seconds.chars().allMatch(c -> c >= '0' && c <= '9'))) {
                        throw new ChatException("bad-usage", "usage: /drain [SECONDS] (at most 3600)");
                    }
                    var deadline = java.time.Duration.ofSeconds(seconds == null ? 60 : Long.parseLong(seconds));
                    context.hub().moderation().drain(context.session(), deadline); // refuses others before any reply
                    context.reply("draining: " + context.hub().sessions() + " sessions told to reconnect elsewhere;"
                            + " the server stops when they have gone, or in " + deadline.toSeconds() + " s");
                }),
                CommandSpec.of("shutdown", "", "server operators: stop the server gracefully", (context, args) -> {
                    context.hub().moderation().shutdown(context.session()); // refuses others before any reply
                    context.reply("the server is stopping");
                }));
    }

    private static long id(String word) {
        if (word.isEmpty() || word.length() > 18 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ChatException("bad-usage", "a message id is a number: /redact ROOM ID");
        }
        return Long.parseLong(word);
    }

    private static CommandSpec grant(String name, char flag, boolean on, String summary) {
        return CommandSpec.of(name, "NICK", summary, (context, args) ->
                context.hub().moderation().grant(context.session(), args.word(0), flag, on));
    }

    private static void ban(Context context, Args args) {
        String mask = args.optional(0);
        if (mask != null) {
            context.hub().moderation().ban(context.session(), mask, true);
            return;
        }
        List<String> bans = context.hub().moderation().bans(context.session());
        context.reply(bans.isEmpty() ? "no bans" : "bans: " + String.join(" ", bans), bans);
    }

    /** {@code /mode}, {@code /mode #room}, {@code /mode +i}, {@code /mode #room +k KEY}. */
    private static void mode(Context context, Args args) {
        String[] words = args.rest().isEmpty() ? new String[0] : args.rest().split(" +");
        int next = 0;
        String room = null;
        if (next < words.length && words[next].startsWith("#")) {
            room = words[next++];
        }
        if (next == words.length) {
            context.reply(context.hub().moderation().modes(context.session(), room));
            return;
        }
        String change = words[next++];
        String key = next < words.length ? words[next++] : null;
        if (next < words.length || change.length() != 2 || (change.charAt(0) != '+' && change.charAt(0) != '-')) {
            throw new ChatException("bad-usage", "usage: /mode [ROOM] [+i|-i|+k KEY|-k|+m|-m|+t|-t]");
        }
        context.hub().moderation().mode(context.session(), room, change, key);
    }
}
