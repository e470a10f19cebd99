package org.causerie.protocol;

import org.causerie.chat.Event;

/**
 * The text format, for a person at {@code nc}. The first character of every line tells its kind:
 * {@code #} room message, {@code @} private message, {@code *} event, {@code =} reply, {@code !} error,
 * {@code -} notice. A multi-line reply repeats its marker on every line.
 */
public final class TextCodec {
    private TextCodec() {}

    public static String render(Event event) {
        return switch (event) {
            case Event.Message m when m.action() -> m.room() + " * " + m.from() + " " + m.text();
            case Event.Message m -> m.room() + " <" + m.from() + "> " + m.text();
            case Event.Private p -> "@ " + p.from() + " -> " + p.to() + ": " + p.text();
            case Event.Joined j -> "* " + j.room() + ": " + j.nick() + " joined";
            case Event.Parted p -> "* " + p.room() + ": " + p.nick() + " left" + reason(p.reason());
            case Event.Quit q -> "* " + q.room() + ": " + q.nick() + " quit" + reason(q.reason());
            case Event.NickChanged n when n.room() == null -> "* you are now " + n.newNick();
            case Event.NickChanged n -> "* " + n.room() + ": " + n.nick() + " is now " + n.newNick();
            case Event.TopicChanged t when t.topic().isEmpty() -> "* " + t.room() + ": " + t.nick() + " cleared the topic";
            case Event.TopicChanged t -> "* " + t.room() + ": " + t.nick() + " set the topic: " + t.topic();
            case Event.Reply r -> prefixLines("= ", r.text());
            case Event.Error e -> "! " + e.code() + ": " + e.text();
            case Event.Notice n -> prefixLines("- ", n.text());
            case Event.Welcome w -> "- welcome to " + w.server() + " " + w.version() + ": you are " + w.nick()
                    + " in " + w.room() + " (/help lists the commands)";
        };
    }

    private static String reason(String reason) {
        return reason == null || reason.isEmpty() ? "" : " (" + reason + ")";
    }

    private static String prefixLines(String marker, String text) {
        return marker + text.replace("\n", "\n" + marker);
    }
}
