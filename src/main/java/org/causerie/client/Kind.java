package org.causerie.client;

import org.causerie.event.Event;
import org.jline.utils.AttributedStyle;

/**
 * The kinds of line the server sends, as the first character of a text line tells them, and the
 * colour each is shown in. {@link #CLIENT} is the client's own lines (connection lost, reconnected).
 */
public enum Kind {
    ROOM('#', AttributedStyle.DEFAULT),
    PRIVATE('@', AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA)),
    EVENT('*', AttributedStyle.DEFAULT.faint().foreground(AttributedStyle.YELLOW)),
    REPLY('=', AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)),
    ERROR('!', AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)),
    NOTICE('-', AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE)),
    CLIENT('~', AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW));

    /** The sender's nickname in a room message. */
    public static final AttributedStyle NICK = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);

    private final char marker;
    private final AttributedStyle style;

    Kind(char marker, AttributedStyle style) {
        this.marker = marker;
        this.style = style;
    }

    public AttributedStyle style() {
        return style;
    }

    public static Kind of(Event event) {
        return switch (event) {
            case Event.Message m -> ROOM;
            case Event.Private p -> PRIVATE;
            case Event.Joined j -> EVENT;
            case Event.Parted p -> EVENT;
            case Event.Quit q -> EVENT;
            case Event.NickChanged n -> EVENT;
            case Event.TopicChanged t -> EVENT;
            case Event.Kicked k -> EVENT;
            case Event.ModeChanged m -> EVENT;
            case Event.Reply r -> REPLY;
            case Event.Error e -> ERROR;
            case Event.Notice n -> NOTICE;
            case Event.Invited i -> NOTICE;
            case Event.Welcome w -> NOTICE;
            case Event.Gap g -> NOTICE;
        };
    }

    /** The kind of a text-format line by its first character, or null for a line of no known kind. */
    public static Kind ofLine(String line) {
        if (line.isEmpty()) {
            return null;
        }
        char first = line.charAt(0);
        for (Kind kind : values()) {
            if (kind != CLIENT && kind.marker == first) {
                return kind;
            }
        }
        return null;
    }
}
