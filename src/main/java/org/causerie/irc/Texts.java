package org.causerie.irc;

import org.causerie.protocol.Formatting;

/**
 * What an IRC user's text may hold, and the translation of actions. The only control characters a
 * message keeps are IRC's formatting codes ({@link Formatting}); CTCP ACTION becomes an action (in a
 * room) or a private message starting with {@code /me } (the line door's spelling, turned back into
 * CTCP ACTION for IRC readers); every other control character, and any other CTCP, is refused.
 */
final class Texts {
    static final String CTCP = "\u0001";
    static final String ACTION_OPEN = CTCP + "ACTION ";
    /** How a private action is kept: the line door's command, readable by a line user. */
    static final String ME = "/me ";

    private Texts() {}

    /** A PRIVMSG or NOTICE body as the hub takes it. */
    record Body(String text, boolean action) {}

    /** The body of {@code text}, or null when it holds a control character it may not, or a CTCP other than ACTION. */
    static Body parse(String text) {
        boolean action = false;
        if (text.startsWith(ACTION_OPEN)) {
            action = true;
            text = text.substring(ACTION_OPEN.length(), text.endsWith(CTCP) ? text.length() - 1 : text.length());
        } else if (text.startsWith(CTCP)) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && !Formatting.isCode(c)) || c == 0x7F) {
                return null;
            }
        }
        return new Body(text, action);
    }

    /** Other text (a topic, a reason, an away message): formatting codes stay, other controls become spaces. */
    static String clean(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append((c < 0x20 && !Formatting.isCode(c)) || c == 0x7F ? ' ' : c);
        }
        return out.toString();
    }
}
