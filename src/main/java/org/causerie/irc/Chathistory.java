package org.causerie.irc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;
import org.causerie.chat.ChatException;
import org.causerie.chat.History;
import org.causerie.chat.Room;

/**
 * {@code CHATHISTORY} (IRCv3 draft/chathistory): LATEST, BEFORE, AFTER, AROUND and BETWEEN on a channel
 * or a private conversation, by msgid or timestamp, and TARGETS over its channels and conversations. Each is
 * read through the hub's {@link History} (the store, with the same readability checks as /history), and
 * answered as one {@code chathistory} batch (empty when nothing matches); what comes live meanwhile
 * follows the batch. Refusals are {@code FAIL CHATHISTORY …} standard replies.
 */
final class Chathistory {
    /** The most messages one request returns (ISUPPORT {@code CHATHISTORY=}). */
    static final int LIMIT = 100;

    private Chathistory() {}

    static void run(IrcClient client, IrcMessage message) {
        String sub = message.param(0).toUpperCase(Locale.ROOT);
        int needed = switch (sub) {
            case "LATEST", "BEFORE", "AFTER", "AROUND", "TARGETS" -> 4;
            case "BETWEEN" -> 5;
            default -> -1;
        };
        if (needed < 0) {
            fail(client, "UNKNOWN_COMMAND", List.of(sub), "Unknown subcommand");
            return;
        }
        if (message.params().size() < needed) {
            fail(client, "INVALID_PARAMS", List.of(sub), "Not enough parameters");
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(message.param(needed - 1));
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > LIMIT) {
            fail(client, "INVALID_PARAMS", List.of(sub), "the limit is a number from 1 to " + LIMIT);
            return;
        }
        if (sub.equals("TARGETS")) {
            targets(client, message.param(1), message.param(2), limit);
            return;
        }
        String target = message.param(1);
        try {
            read(client, sub, target, message.param(2), sub.equals("BETWEEN") ? message.param(3) : null, limit);
        } catch (BadReference bad) {
            fail(client, "INVALID_PARAMS", List.of(sub, bad.getMessage()), "not a message reference of this target");
        } catch (java.time.DateTimeException outOfRange) { // a timestamp at the edge of time
            fail(client, "INVALID_PARAMS", List.of(sub), "a timestamp out of range");
        } catch (ChatException refused) {
            fail(client, "INVALID_TARGET", List.of(sub, target), refused.getMessage());
        }
    }

    /** One request: the queries it takes, read under one hold of the sink, so that they make one batch. */
    private static void read(IrcClient client, String sub, String target, String first, String second, int limit) {
        History history = client.hub().history();
        var queries = new ArrayList<History.Query>();
        LongPredicate keep = id -> true;
        switch (sub) {
            case "LATEST" -> {
                queries.add(new History.Query(History.Query.Mode.LATEST, 0, limit));
                if (!first.equals("*")) {
                    long after = afterBound(client, target, first);
                    keep = id -> id > after;
                }
            }
            case "BEFORE" -> queries.add(new History.Query(History.Query.Mode.BEFORE, beforeBound(client, target, first),
                    limit));
            case "AFTER" -> queries.add(new History.Query(History.Query.Mode.AFTER, afterBound(client, target, first),
                    limit));
            case "AROUND" -> {
                long center = afterBound(client, target, first);
                if (limit / 2 > 0) {
                    queries.add(new History.Query(History.Query.Mode.BEFORE, center, limit / 2));
                }
                queries.add(new History.Query(History.Query.Mode.AFTER, Math.max(0, center - 1), limit - limit / 2));
            }
            default -> { // BETWEEN: from the first reference towards the second, both excluded
                long from = beforeBound(client, target, first);
                long to = beforeBound(client, target, second);
                if (from <= to) {
                    long after = afterBound(client, target, first);
                    queries.add(new History.Query(History.Query.Mode.AFTER, after, limit));
                    keep = id -> id < to;
                } else {
                    long end = afterBound(client, target, second);
                    queries.add(new History.Query(History.Query.Mode.BEFORE, from, limit));
                    keep = id -> id > end;
                }
            }
        }
        boolean answered = false;
        client.sink().hold(keep);
        try {
            for (History.Query query : queries) {
                if (target.startsWith("#")) {
                    history.room(client.session(), target, query);
                } else {
                    history.conversation(client.session(), target, query);
                }
            }
            answered = true;
        } finally {
            client.sink().release(answered ? target : null);
        }
    }

    /** The id messages must be above to come after {@code ref}. */
    private static long afterBound(IrcClient client, String target, String ref) {
        if (ref.startsWith("msgid=")) {
            return msgid(ref);
        }
        return client.hub().history().idAt(client.session(), target, timestamp(ref));
    }

    /** The id messages must be below to come before {@code ref}. */
    private static long beforeBound(IrcClient client, String target, String ref) {
        if (ref.startsWith("msgid=")) {
            return msgid(ref);
        }
        return client.hub().history().idAt(client.session(), target, timestamp(ref).minusNanos(1)) + 1;
    }

    private static long msgid(String ref) {
        long id = MsgIds.id(ref.substring("msgid=".length()));
        if (id < 0) {
            throw new BadReference(ref);
        }
        return id;
    }

    private static Instant timestamp(String ref) {
        if (!ref.startsWith("timestamp=")) {
            throw new BadReference(ref);
        }
        try {
            return Instant.parse(ref.substring("timestamp=".length()));
        } catch (DateTimeParseException e) {
            throw new BadReference(ref);
        }
    }

    /**
     * {@code TARGETS from to limit}: the client's channels and private conversations with messages between
     * the two times, the most recent first, each with the time of its last message there, in a
     * {@code draft/chathistory-targets} batch. A conversation is named by its peer's nickname, while that
     * nickname names the same person.
     */
    private static void targets(IrcClient client, String first, String second, int limit) {
        Instant a;
        Instant b;
        try {
            a = timestamp(first);
            b = timestamp(second);
        } catch (BadReference bad) {
            fail(client, "INVALID_PARAMS", List.of("TARGETS", bad.getMessage()), "TARGETS takes two timestamps");
            return;
        }
        Instant low = a.isBefore(b) ? a : b;
        Instant high = a.isBefore(b) ? b : a;
        History history = client.hub().history();
        record Active(String room, Instant last) {}
        var active = new ArrayList<Active>();
        for (Room room : client.session().rooms()) {
            try {
                long last = history.idAt(client.session(), room.name(), high);
                if (last > history.idAt(client.session(), room.name(), low)) {
                    active.add(new Active(room.name(), history.timeAt(client.session(), room.name(), last)));
                }
            } catch (ChatException unreadable) {
                // a room closed meanwhile: nothing to list
            }
        }
        for (History.Peer peer : history.conversations(client.session(), low, high, limit)) {
            active.add(new Active(peer.nick(), peer.last()));
        }
        active.sort((x, y) -> y.last().compareTo(x.last()));
        String id = client.nextBatch();
        client.line(IrcLine.of(null, client.door().server, "BATCH", List.of("+" + id, "draft/chathistory-targets"), false));
        for (Active room : active.subList(0, Math.min(limit, active.size()))) {
            client.line(IrcLine.of("batch=" + id, client.door().server, "CHATHISTORY",
                    List.of("TARGETS", room.room(), "timestamp=" + IrcVariant.time(room.last())), false));
        }
        client.line(IrcLine.of(null, client.door().server, "BATCH", List.of("-" + id), false));
    }

    /** {@code FAIL CHATHISTORY CODE params… :text}, the IRCv3 standard reply. */
    private static void fail(IrcClient client, String code, List<String> params, String text) {
        var all = new ArrayList<String>();
        all.add("CHATHISTORY");
        all.add(code);
        all.addAll(params);
        all.add(text);
        client.line(IrcLine.of(null, client.door().server, "FAIL", all, true));
    }

    /** A message reference the request cannot use. */
    private static final class BadReference extends RuntimeException {
        BadReference(String ref) {
            super(ref, null, false, false);
        }
    }
}
