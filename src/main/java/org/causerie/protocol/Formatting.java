package org.causerie.protocol;

/**
 * IRC's formatting codes: the only control characters a message may carry. IRC users may send exactly
 * these (bold 0x02, colour 0x03 with up to two digits, a comma and up to two more, reset 0x0F,
 * monospace 0x11, reverse 0x16, italics 0x1D, strike-through 0x1E, underline 0x1F); they are stored as
 * sent, kept for IRC readers and removed for line and JSON readers, whose terminals must never receive
 * a control character.
 */
public final class Formatting {
    private Formatting() {}

    /** True for the single-byte codes; colour (0x03) is told apart because digits follow it. */
    public static boolean isCode(char c) {
        return c == 0x02 || c == 0x03 || c == 0x0F || c == 0x11 || c == 0x16 || c == 0x1D || c == 0x1E || c == 0x1F;
    }

    /**
     * {@code text} without formatting codes (and a colour's digits). Any other control character is
     * left for the caller's own escaping; a line break stays. The same string when there is nothing to
     * remove, which is the case of every message from the line door.
     */
    public static String strip(String text) {
        int first = firstCode(text);
        if (first < 0) {
            return text;
        }
        var out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isCode(c)) {
                out.append(c);
            } else if (c == 0x03) {
                i = skipColour(text, i + 1) - 1;
            }
        }
        return out.toString();
    }

    /** After 0x03: up to two digits, then a comma and up to two digits only if a digit follows it. */
    private static int skipColour(String text, int i) {
        int end = digits(text, i);
        if (end > i && end + 1 < text.length() && text.charAt(end) == ',' && isDigit(text.charAt(end + 1))) {
            end = digits(text, end + 1);
        }
        return end;
    }

    private static int digits(String text, int i) {
        int end = i;
        while (end < text.length() && end < i + 2 && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int firstCode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && isCode(c)) {
                return i;
            }
        }
        return -1;
    }
}
