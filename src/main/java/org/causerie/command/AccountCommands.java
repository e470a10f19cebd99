package org.causerie.command;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.causerie.event.Event;
import org.causerie.chat.SessionTokens;

/** Commands about accounts: register, log in and out, change the password, session tokens. */
final class AccountCommands {
    private AccountCommands() {}

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("register", "PASSWORD", "register your current nickname, protected by PASSWORD",
                        (context, args) -> {
                            context.hub().accounts().register(context.session(), context.peer().address(), args.word(0));
                            context.reply("registered " + context.session().nick() + "; you are logged in");
                        }),
                CommandSpec.of("login", "NICK PASSWORD", "log in to your account and take its nickname",
                        (context, args) -> welcome(context, context.hub().accounts().login(context.session(),
                                context.peer().address(), args.word(0), args.word(1)))),
                CommandSpec.of("token", "", "get a session token, to log in later with /resume instead of a password",
                        AccountCommands::token),
                CommandSpec.of("resume", "TOKEN", "log in with a session token from /token", (context, args) ->
                        welcome(context, context.hub().tokens().resume(context.session(), context.peer().address(),
                                args.word(0)))),
                CommandSpec.of("logout", "", "log out (and revoke this session's token); you become a guest again",
                        (context, args) -> {
                            context.hub().accounts().logout(context.session(), context.peer().address());
                            context.reply("logged out; you are " + context.session().nick());
                        }),
                CommandSpec.of("password", "OLD NEW", "change your password (every session token is revoked)",
                        (context, args) -> {
                            context.hub().accounts().changePassword(context.session(), context.peer().address(),
                                    args.word(0), args.word(1));
                            context.reply("password changed");
                        }));
    }

    private static void token(Context context, Args args) {
        SessionTokens.Issued issued = context.hub().tokens().issue(context.session(), context.peer().address());
        String until = DateTimeFormatter.ISO_INSTANT.format(issued.expires().truncatedTo(ChronoUnit.SECONDS));
        context.reply("token " + issued.token() + " (valid until " + until + ")", List.of(issued.token(), until));
    }

    private static void welcome(Context context, List<Event.Private> missed) {
        context.reply("you are logged in as " + context.session().nick());
        for (Event.Private p : missed) {
            context.session().send(p);
        }
        if (!missed.isEmpty()) {
            context.reply(missed.size() + (missed.size() == 1 ? " private message" : " private messages")
                    + " came while you were away");
        }
    }
}
