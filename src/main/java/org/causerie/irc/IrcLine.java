package org.causerie.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes IRC lines. Nothing a user chose may end a line early or start a new one: CR, LF and NUL in a
 * parameter become spaces, and only the last parameter may hold a space (it is then written after
 * {@code :}).
 */
final class IrcLine {
    private IrcLine() {}

    /**
     * {@code [@tags ][:source ]COMMAND params}, without the line ending. The last parameter is written
     * after {@code :} when {@code text} says it is text, or when it must be (empty, a space, a leading colon).
     */
    static String of(String tags, String source, String command, List<String> params, boolean text) {
        var out = new StringBuilder(64);
        if (tags != null && !tags.isEmpty()) {
            out.append('@').append(tags).append(' ');
        }
        if (source != null) {
            out.append(':').append(source).append(' ');
        }
        out.append(command);
        for (int i = 0; i < params.size(); i++) {
            String param = clean(params.get(i));
            boolean last = i == params.size() - 1;
            out.append(' ');
            if (last && (text || param.isEmpty() || param.indexOf(' ') >= 0 || param.charAt(0) == ':')) {
                out.append(':');
            } else if (!last) {
                param = param.isEmpty() ? "*" : param.replace(' ', '_'); // a middle parameter is one word
            }
            out.append(param);
        }
        return out.toString();
    }

    static String of(String source, String command, String... params) {
        return of(null, source, command, List.of(params), false);
    }

    /** Lines to UTF-8 bytes, each ended by CRLF. */
    static byte[] bytes(List<String> lines) {
        var out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String clean(String param) {
        if (param.indexOf('\r') < 0 && param.indexOf('\n') < 0 && param.indexOf('\0') < 0) {
            return param;
        }
        return param.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    }

    /**
     * {@code text} cut into pieces of at most {@code maxBytes} UTF-8 bytes each, between characters (a
     * surrogate pair stays whole). At least one piece, maybe empty.
     */
    static List<String> split(String text, int maxBytes) {
        var pieces = new ArrayList<String>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes && i > start) {
                pieces.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        pieces.add(text.substring(start));
        return pieces;
    }
}
