package org.causerie.command;

import java.util.List;
import org.causerie.chat.ChatException;

/**
 * {@code /catchup ROOM ID [KEY]}: after a reconnect, join ROOM (or stay in it) and receive exactly the
 * messages after ID that this session was not sent, marked missed, then the live stream (docs/protocol.md).
 */
final class CatchupCommands {
    private CatchupCommands() {}

    static List<CommandSpec> specs() {
        return List.of(CommandSpec.of("catchup", "ROOM ID [KEY]",
                "after a reconnect: join ROOM and get every message after ID that you missed, then live",
                CatchupCommands::catchUp));
    }

    private static void catchUp(Context context, Args args) {
        String id = args.word(1);
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ChatException("bad-usage", "usage: /catchup ROOM ID [KEY] (ID: the last message id you saw, 0 for all)");
        }
        context.reply(context.hub().catchUp(context.session(), args.word(0), Long.parseLong(id), args.optional(2)));
    }
}
