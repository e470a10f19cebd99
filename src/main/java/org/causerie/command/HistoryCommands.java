package org.causerie.command;

import java.util.List;
import java.util.Locale;
import org.causerie.chat.ChatException;
import org.causerie.chat.History;
import org.causerie.chat.History.Query;

/**
 * {@code /history [ROOM|NICK] [N]}, {@code /history ROOM before ID [N]}, {@code /history ROOM after ID [N]}:
 * stored messages, sent back marked as history, then a reply that says what was sent and how to go on.
 */
final class HistoryCommands {
    private HistoryCommands() {}

    static List<CommandSpec> specs() {
        return List.of(CommandSpec.free("history", "[ROOM|NICK] [before|after ID] [N]",
                "replay stored messages of a room or of a private conversation", HistoryCommands::history));
    }

    private static void history(Context context, Args args) {
        String[] words = args.rest().isEmpty() ? new String[0] : args.rest().split(" +");
        int next = 0;
        String target = null;
        if (words.length > 0 && !isNumber(words[0])) {
            target = words[next++];
        }
        Query.Mode mode = Query.Mode.LATEST;
        long id = 0;
        if (next < words.length && (words[next].equalsIgnoreCase("before") || words[next].equalsIgnoreCase("after"))) {
            mode = Query.Mode.valueOf(words[next++].toUpperCase(Locale.ROOT));
            if (next >= words.length || !isNumber(words[next])) {
                throw usage();
            }
            id = parse(words[next++]);
        }
        int count = History.DEFAULT_COUNT;
        if (next < words.length) {
            if (!isNumber(words[next])) {
                throw usage();
            }
            count = (int) Math.min(parse(words[next++]), Integer.MAX_VALUE);
        }
        if (next < words.length) {
            throw usage();
        }
        var query = new Query(mode, id, count);
        if (target == null) {
            target = context.hub().currentRoom(context.session()).name();
        } else if (target.startsWith("#")) {
            target = context.hub().historyName(target); // the room's own spelling, in the reply too
        }
        History.Result result = target.startsWith("#")
                ? context.hub().history().room(context.session(), target, query)
                : context.hub().history().conversation(context.session(), target, query);
        context.reply(describe(target, query, result));
    }

    private static String describe(String target, Query query, History.Result result) {
        if (result.count() == 0) {
            return "no messages of " + target + (query.mode() == Query.Mode.LATEST ? "" : " " + query.mode()
                    .name().toLowerCase(Locale.ROOT) + " " + query.id());
        }
        String text = result.count() + (result.count() == 1 ? " message" : " messages") + " of " + target
                + " (" + result.first() + "-" + result.last() + ")";
        if (!result.more()) {
            return text;
        }
        return query.mode() == Query.Mode.AFTER
                ? text + "; more: /history " + target + " after " + result.last()
                : text + "; older: /history " + target + " before " + result.first();
    }

    private static boolean isNumber(String word) {
        return !word.isEmpty() && word.length() <= 18 && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long parse(String word) {
        return Long.parseLong(word);
    }

    private static ChatException usage() {
        return new ChatException("bad-usage", "usage: /history [ROOM|NICK] [before|after ID] [N]");
    }
}
