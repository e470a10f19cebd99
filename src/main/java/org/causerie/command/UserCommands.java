package org.causerie.command;

import java.util.List;
import org.causerie.store.Ignore;

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
                        (context, args) -> context.hub().say(context.session(), args.rest(), true)),
                CommandSpec.of("ignore", "[NICK]", "stop receiving NICK's messages (kept for your account), or list whom"
                        + " you ignore", UserCommands::ignore),
                CommandSpec.of("unignore", "NICK", "receive NICK's messages again", (context, args) ->
                        context.reply("you no longer ignore "
                                + context.hub().blocklists().remove(context.session(), args.word(0)).nick())));
    }

    private static void ignore(Context context, Args args) {
        String nick = args.optional(0);
        if (nick != null) {
            context.reply("you ignore " + context.hub().blocklists().add(context.session(), nick).nick() + " now");
            return;
        }
        List<String> nicks = context.hub().blocklists().of(context.session()).stream().map(Ignore::nick).toList();
        context.reply(nicks.isEmpty() ? "you ignore nobody" : "you ignore: " + String.join(" ", nicks), nicks);
    }
}
