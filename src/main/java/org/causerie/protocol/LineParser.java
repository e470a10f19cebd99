package org.causerie.protocol;

import java.util.Locale;
import org.causerie.chat.ChatException;

/**
 * The line grammar (docs/protocol.md): a line starting with {@code /} is a command, {@code //} escapes a
 * leading slash, {@code fin} alone ends the session, anything else is a message to the current room.
 * Every line passes {@link #checkCharacters} first, so no control character ever reaches another user.
 */
public final class LineParser {
    private LineParser() {}

    public static Input parse(String line) {
        checkCharacters(line);
        if (line.isBlank()) {
            return new Input.Blank();
        }
        if (line.strip().equals("fin")) {
            return new Input.Fin();
        }
        if (line.startsWith("//")) {
            return new Input.Chat(line.substring(1));
        }
        if (line.startsWith("/")) {
            int space = line.indexOf(' ');
            String name = space < 0 ? line.substring(1) : line.substring(1, space);
            String rest = space < 0 ? "" : line.substring(space + 1);
            return new Input.Command(name.toLowerCase(Locale.ROOT), rest);
        }
        return new Input.Chat(line);
    }

    /**
     * Refuses C0 and C1 control characters (but tab), DEL, the Unicode controls that reorder text
     * (bidirectional overrides, isolates and marks), the line and paragraph separators that some
     * clients treat as line ends, and the byte order mark: any of them could move another user's
     * cursor, recolour their terminal, split a line, or disguise who said what. Joiners (U+200D) stay
     * allowed: emoji sequences need them. The position in the error counts characters as a person
     * sees them (code points), from 1.
     */
    public static void checkCharacters(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || isFormatControl(c)) {
                throw new ChatException("bad-character", String.format(
                        "the line has a control character (U+%04X) at position %d; it was not sent", (int) c,
                        line.codePointCount(0, i) + 1));
            }
        }
    }

    private static boolean isFormatControl(char c) {
        return (c >= 0x202a && c <= 0x202e) // LRE, RLE, PDF, LRO, RLO
                || (c >= 0x2066 && c <= 0x2069) // LRI, RLI, FSI, PDI
                || c == 0x200e || c == 0x200f || c == 0x061c // LRM, RLM, ALM
                || c == 0x2028 || c == 0x2029 // line and paragraph separators
                || c == 0xfeff; // byte order mark / zero-width no-break space
    }
}
