package org.causerie.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.causerie.event.Event;

/**
 * The text format, for a person at {@code nc}. The first character of every line tells its kind:
 * {@code #} room message, {@code @} private message, {@code *} event, {@code =} reply, {@code !} error,
 * {@code -} notice. A multi-line reply repeats its marker on every line. A message replayed from history
 * or kept while its reader was away shows its time (UTC) in brackets after the marker.
 */
public final class TextCodec {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private TextCodec() {}

    /** The event's line(s); IRC formatting codes an IRC user sent are removed ({@link Formatting}). */
    public static String render(Event event) {
        return Formatting.strip(lines(event));
    }

    private static String lines(Event event) {
        return switch (event) {
            case Event.Message m when m.action() -> m.room() + when(m.delivery(), m.ts()) + " * " + m.from() + " " + m.text();
            case Event.Message m -> m.room() + when(m.delivery(), m.ts()) + " <" + m.from() + "> " + m.text();
            case Event.Private p -> "@" + when(p.delivery(), p.ts()) + " " + p.from() + " -> " + p.to() + ": " + p.text()
                    + (p.delivery() == Event.Delivery.MISSED ? " (while you were away)" : "");
            case Event.Gap g when g.room() != null -> "- " + g.room() + ": messages " + g.from() + " to " + g.to()
                    + " are no longer kept";
            case Event.Gap g -> "- messages " + g.from() + " to " + g.to() + " with " + g.peer() + " are no longer kept";
            case Event.Joined j -> "* " + j.room() + ": " + j.nick() + " joined";
            case Event.Parted p -> "* " + p.room() + ": " + p.nick() + " left" + reason(p.reason());
            case Event.Quit q -> "* " + q.room() + ": " + q.nick() + " quit" + reason(q.reason());
            case Event.NickChanged n when n.room() == null -> "* you are now " + n.newNick();
            case Event.NickChanged n -> "* " + n.room() + ": " + n.nick() + " is now " + n.newNick();
            case Event.TopicChanged t when t.nick() == null -> "* " + t.room() + ": the topic is: " + t.topic();
            case Event.TopicChanged t when t.topic().isEmpty() -> "* " + t.room() + ": " + t.nick() + " cleared the topic";
            case Event.TopicChanged t -> "* " + t.room() + ": " + t.nick() + " set the topic: " + t.topic();
            case Event.Kicked k -> "* " + k.room() + ": " + k.by() + " kicked " + k.nick() + reason(k.reason());
            case Event.ModeChanged m -> "* " + m.room() + ": " + m.by() + " sets " + m.change();
            case Event.Reply r -> prefixLines("= ", r.text());
            case Event.Error e -> "! " + e.code() + ": " + e.text();
            case Event.Notice n -> prefixLines("- ", n.text());
            case Event.Invited i -> "- " + i.by() + " invites you to " + i.room() + ": /join " + i.room();
            case Event.Welcome w -> "- welcome to " + w.server() + " " + w.version() + ": you are " + w.nick()
                    + " in " + w.room() + " (/help lists the commands)";
        };
    }

    /** Replayed and missed messages show when they were sent; live ones are now. */
    private static String when(Event.Delivery delivery, Instant ts) {
        return delivery == Event.Delivery.LIVE ? "" : " [" + STAMP.format(ts) + "]";
    }

    private static String reason(String reason) {
        return reason == null || reason.isEmpty() ? "" : " (" + reason + ")";
    }

    private static String prefixLines(String marker, String text) {
        return marker + text.replace("\n", "\n" + marker);
    }
}
