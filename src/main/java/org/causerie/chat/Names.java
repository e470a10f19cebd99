package org.causerie.chat;

import org.causerie.store.Store;

/**
 * The rules for nicknames and room names. Both are ASCII on purpose: with Unicode letters,
 * "аlice" (Cyrillic a) and "alice" would be two different people who look the same. Comparison is
 * case-insensitive, through {@link #fold}.
 */
public final class Names {
    public static final int NICK_MAX = 24;
    public static final int ROOM_MAX = 32;
    /** Guest nicknames are handed out by the server, so nobody can pose as one. */
    public static final String GUEST_PREFIX = "guest-";

    private static final String NICK_SPECIALS = "-_[]{}\\|^`";
    private static final String ROOM_SPECIALS = "-_.";

    private Names() {}

    /**
     * ASCII case folding only ({@link Store#fold}): {@code toLowerCase} would also fold the Kelvin sign
     * to {@code k}, so a name nobody may register would still find someone.
     */
    public static String fold(String name) {
        return Store.fold(name);
    }

    /**
     * Whether two names are one under {@link #fold}: {@code fold(a).equals(fold(b))}, without making
     * either folded string (the fan-out asks it once per recipient).
     */
    public static boolean same(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && Store.fold(x) != Store.fold(y)) {
                return false;
            }
        }
        return true;
    }

    /** Throws {@code bad-nick} unless {@code nick} may be chosen by a user. */
    public static void checkNick(String nick) {
        if (nick.isEmpty() || nick.length() > NICK_MAX) {
            throw new ChatException("bad-nick", "a nickname has 1 to " + NICK_MAX + " characters");
        }
        if (!isAsciiLetter(nick.charAt(0))) {
            throw new ChatException("bad-nick", "a nickname starts with a letter (a-z, A-Z)");
        }
        for (int i = 1; i < nick.length(); i++) {
            char c = nick.charAt(i);
            if (!isAsciiLetter(c) && !isDigit(c) && NICK_SPECIALS.indexOf(c) < 0) {
                throw new ChatException("bad-nick", "a nickname has only letters, digits and " + NICK_SPECIALS
                        + " (not " + describe(c) + ")");
            }
        }
        if (fold(nick).equals("nickserv")) { // the IRC door's front for accounts: nobody may pose as it
            throw new ChatException("bad-nick", nick + " is the name of a service");
        }
        if (fold(nick).startsWith(GUEST_PREFIX)) {
            throw new ChatException("bad-nick", "names starting with " + GUEST_PREFIX + " are given by the server");
        }
    }

    /** Throws {@code bad-room} unless {@code room} is a valid room name. */
    public static void checkRoom(String room) {
        if (room.isEmpty() || room.charAt(0) != '#') {
            throw new ChatException("bad-room", "a room name starts with # (for example #general)");
        }
        if (room.length() < 2 || room.length() > ROOM_MAX + 1) {
            throw new ChatException("bad-room", "a room name has 1 to " + ROOM_MAX + " characters after the #");
        }
        for (int i = 1; i < room.length(); i++) {
            char c = room.charAt(i);
            if (!isAsciiLetter(c) && !isDigit(c) && ROOM_SPECIALS.indexOf(c) < 0) {
                throw new ChatException("bad-room", "a room name has only letters, digits and " + ROOM_SPECIALS
                        + " after the # (not " + describe(c) + ")");
            }
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String describe(char c) {
        return c == ' ' ? "a space" : c < 0x80 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
