package org.causerie.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causerie.event.Event;

/**
 * Reads back the text-format lines that reach a client before its {@code /format json} takes effect:
 * the server greets and seats every connection in text. The client must understand those two (who it
 * is, which room it is in); any other text line is shown as it is. The patterns mirror
 * {@link org.causerie.protocol.TextCodec}; TextLinesTest holds them to it.
 */
final class TextLines {
    private static final Pattern WELCOME =
            Pattern.compile("- welcome to (\\S+) (\\S+): you are (\\S+) in (\\S+) \\(.*\\)");
    private static final Pattern JOINED = Pattern.compile("\\* (#\\S+): (\\S+) joined");

    private TextLines() {}

    /** The welcome or join event a text line stands for, or null if it is neither. */
    static Event parse(String line) {
        Matcher welcome = WELCOME.matcher(line);
        if (welcome.matches()) {
            return new Event.Welcome(welcome.group(1), welcome.group(2), welcome.group(3), welcome.group(4));
        }
        Matcher joined = JOINED.matcher(line);
        if (joined.matches()) {
            return new Event.Joined(joined.group(1), joined.group(2));
        }
        return null;
    }
}
