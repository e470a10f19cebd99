package org.causerie.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.chat.Names;

/**
 * Messages that are not live (a join's replay, the private messages missed while away, a CHATHISTORY
 * answer), written to one client: to a client that asked for {@code batch}, as one {@code chathistory}
 * batch per target, each line tagged with the batch; to any other, as the plain lines its codec writes.
 * A gap (messages retention dropped) is a NOTICE before its target's batch.
 */
final class Replay {
    private Replay() {}

    /** The events that go into a history batch. */
    static boolean replayed(Event event) {
        return switch (event) {
            case Event.Message m -> m.delivery() != Event.Delivery.LIVE;
            case Event.Private p -> p.delivery() != Event.Delivery.LIVE;
            case Event.Gap g -> true;
            default -> false;
        };
    }

    /** Writes {@code events} in order, grouped by target; {@code answered} gets a batch even when it has none. */
    static void write(IrcClient client, IrcCodec codec, List<Event> events, String answered) {
        boolean batch = client.has(Cap.BATCH);
        var byTarget = new LinkedHashMap<String, List<Event>>();
        var shown = new LinkedHashMap<String, String>();
        if (answered != null) {
            byTarget.put(Names.fold(answered), new ArrayList<>());
            shown.put(Names.fold(answered), answered);
        }
        for (Event event : events) {
            // a CHATHISTORY answer is all about its target, whatever nicknames its messages were sent under
            String target = answered != null ? answered : target(client, event);
            byTarget.computeIfAbsent(Names.fold(target), k -> new ArrayList<>()).add(event);
            shown.putIfAbsent(Names.fold(target), target);
        }
        for (var entry : byTarget.entrySet()) {
            List<Event> group = entry.getValue();
            for (Event event : group) {
                if (event instanceof Event.Gap) {
                    client.lines(codec.encode(new Envelope(event)));
                }
            }
            if (!batch) {
                for (Event event : group) {
                    if (!(event instanceof Event.Gap)) {
                        client.lines(codec.encode(new Envelope(event)));
                    }
                }
                continue;
            }
            String id = client.nextBatch();
            client.line(IrcLine.of(null, client.door().server, "BATCH",
                    List.of("+" + id, "chathistory", shown.get(entry.getKey())), false));
            for (Event event : group) {
                if (!(event instanceof Event.Gap)) {
                    client.lines(codec.batched(event, id));
                }
            }
            client.line(IrcLine.of(null, client.door().server, "BATCH", List.of("-" + id), false));
        }
    }

    /** The channel, or the other party of a private message. */
    private static String target(IrcClient client, Event event) {
        return switch (event) {
            case Event.Message m -> m.room();
            case Event.Private p -> client.isMe(p.from()) ? p.to() : p.from();
            case Event.Gap g -> g.room() != null ? g.room() : g.peer();
            default -> throw new IllegalArgumentException("not replayed: " + event);
        };
    }
}
