package org.causerie.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causerie.event.Event;
import org.causerie.protocol.TextCodec;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Turns what the server says into coloured lines: the words are those of {@link TextCodec}, so a user
 * of the client reads what a user of {@code nc} reads; the colour comes from the line's {@link Kind}.
 */
public final class Painter {
    /** A room message in the text format: {@code #room <nick> text}. */
    private static final Pattern TEXT_MESSAGE = Pattern.compile("(#\\S+ <)([^>]+)(> .*)", Pattern.DOTALL);

    private Painter() {}

    public static AttributedString paint(Event event) {
        String text = TextCodec.render(event);
        if (event instanceof Event.Message m) {
            // The sender is the first occurrence of its nickname after the room name.
            int at = text.indexOf(m.from(), m.room().length());
            if (at >= 0) {
                return nicked(text, at, m.from().length());
            }
        }
        return new AttributedString(text, Kind.of(event).style());
    }

    /** A line in the text format, coloured by its first character. */
    public static AttributedString paintLine(String line) {
        Kind kind = Kind.ofLine(line);
        if (kind == Kind.ROOM) {
            Matcher m = TEXT_MESSAGE.matcher(line);
            if (m.matches()) {
                return nicked(line, m.start(2), m.group(2).length());
            }
        }
        return new AttributedString(line, kind == null ? AttributedStyle.DEFAULT : kind.style());
    }

    /** A line the client says itself, such as "connection lost". */
    public static AttributedString paintClient(String text) {
        return new AttributedString(text, Kind.CLIENT.style());
    }

    /** A line shown as it came, with no colour: the raw JSON the user asked for with /format json. */
    public static AttributedString plain(String line) {
        return new AttributedString(line);
    }

    private static AttributedString nicked(String text, int at, int length) {
        var out = new AttributedStringBuilder(text.length());
        out.append(text.substring(0, at), Kind.ROOM.style());
        out.append(text.substring(at, at + length), Kind.NICK);
        out.append(text.substring(at + length), Kind.ROOM.style());
        return out.toAttributedString();
    }
}
