package org.causerie.command;

import java.util.List;

/** Commands about people: nickname, private messages, actions. */
final class UserCommands {
    private UserCommands() {}

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("nick", "NAME", "change your nickname",
                        (context, args) -> context.hub().rename(context.session(), args.word(0))),
                CommandSpec.of("msg", "NICK TEXT...", "send a private message (kept for later if NICK is away)",
                        (context, args) -> context.hub().tell(context.session(), args.word(0), args.rest())),
                CommandSpec.of("me", "TEXT...", "act in your current room (\"/me waves\")",
                        (context, args) -> context.hub().say(context.session(), args.rest(), true)));
    }
}
