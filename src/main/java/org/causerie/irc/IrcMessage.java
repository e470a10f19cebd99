package org.causerie.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One IRC line as a client sent it: IRCv3 tags, an optional source (ignored from clients), the command
 * in upper case, and its parameters (the last one may hold spaces). {@link #parse} accepts any string
 * and never throws: what cannot be a command is reported as {@link Refusal}.
 */
public record IrcMessage(Map<String, String> tags, String command, List<String> params) {
    /** RFC 1459: at most 15 parameters; more are joined into the last one, as servers do. */
    public static final int MAX_PARAMS = 15;
    /** The longest line without its tags, line ending included. */
    public static final int MAX_BYTES = 512;
    /** The longest tag section a client may send (IRCv3 message-tags), with its {@code @} and space. */
    public static final int MAX_TAG_BYTES = 4096;

    public IrcMessage {
        tags = Map.copyOf(tags);
        params = List.copyOf(params);
    }

    /** A line that is no command: empty, or a source with nothing after it. */
    public record Refusal(String reason) {}

    public String param(int i) {
        return i < params.size() ? params.get(i) : null;
    }

    /** The line as a message, or a {@link Refusal}, or null for a blank line (ignored, as servers do). */
    public static Object parse(String line) {
        int i = skipSpaces(line, 0); // a line of spaces is blank, not a command called ""

        int n = line.length();
        var tags = new LinkedHashMap<String, String>();
        if (i < n && line.charAt(i) == '@') {
            int end = line.indexOf(' ', i);
            if (end < 0) {
                return new Refusal("tags with no command");
            }
            tags(line.substring(i + 1, end), tags);
            i = skipSpaces(line, end);
        }
        if (i < n && line.charAt(i) == ':') { // a client's source is ignored: the server knows who it is
            int end = line.indexOf(' ', i);
            if (end < 0) {
                return new Refusal("a source with no command");
            }
            i = skipSpaces(line, end);
        }
        if (i >= n) {
            return tags.isEmpty() ? null : new Refusal("tags with no command");
        }
        int end = line.indexOf(' ', i);
        String command = line.substring(i, end < 0 ? n : end).toUpperCase(Locale.ROOT);
        var params = new ArrayList<String>();
        i = end < 0 ? n : skipSpaces(line, end);
        while (i < n) {
            if (line.charAt(i) == ':' || params.size() == MAX_PARAMS - 1) {
                params.add(line.substring(line.charAt(i) == ':' ? i + 1 : i));
                break;
            }
            end = line.indexOf(' ', i);
            params.add(line.substring(i, end < 0 ? n : end));
            i = end < 0 ? n : skipSpaces(line, end);
        }
        return new IrcMessage(tags, command, params);
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** {@code key=value;key2;…}; a key given twice keeps its last value, as IRCv3 says. */
    private static void tags(String section, Map<String, String> tags) {
        for (String tag : section.split(";")) {
            if (tag.isEmpty()) {
                continue;
            }
            int eq = tag.indexOf('=');
            String key = eq < 0 ? tag : tag.substring(0, eq);
            if (!key.isEmpty()) {
                tags.put(key, eq < 0 ? "" : unescape(tag.substring(eq + 1)));
            }
        }
    }

    /** IRCv3 tag value escapes: {@code \:} {@code \s} {@code \\} {@code \r} {@code \n}; a lone {@code \} is dropped. */
    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
            } else if (i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(switch (next) {
                    case ':' -> ';';
                    case 's' -> ' ';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    default -> next;
                });
            }
        }
        return out.toString();
    }

    /** The inverse of {@link #unescape}, for values the server writes. */
    static String escape(String value) {
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
