package org.causerie.command;

import java.util.List;
import org.causerie.chat.Event;
import org.causerie.store.Entry;

/** Commands about accounts: register, log in and out, change the password. */
final class AccountCommands {
    private AccountCommands() {}

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("register", "PASSWORD", "register your current nickname, protected by PASSWORD",
                        (context, args) -> {
                            context.hub().accounts().register(context.session(), args.word(0));
                            context.reply("registered " + context.session().nick() + "; you are logged in");
                        }),
                CommandSpec.of("login", "NICK PASSWORD", "log in to your account and take its nickname",
                        AccountCommands::login),
                CommandSpec.of("logout", "", "log out; you become a guest again", (context, args) -> {
                    context.hub().accounts().logout(context.session());
                    context.reply("logged out; you are " + context.session().nick());
                }),
                CommandSpec.of("password", "OLD NEW", "change your password", (context, args) -> {
                    context.hub().accounts().changePassword(context.session(), args.word(0), args.word(1));
                    context.reply("password changed");
                }));
    }

    private static void login(Context context, Args args) {
        List<Entry.PrivateMessage> missed = context.hub().accounts().login(context.session(), args.word(0), args.word(1));
        context.reply("you are logged in as " + context.session().nick());
        for (Entry.PrivateMessage p : missed) {
            context.session().send(new Event.Private(p.id(), p.ts(), p.from(), p.to(), p.text(), Event.Delivery.MISSED));
        }
        if (!missed.isEmpty()) {
            context.reply(missed.size() + (missed.size() == 1 ? " private message" : " private messages")
                    + " came while you were away");
        }
    }
}
