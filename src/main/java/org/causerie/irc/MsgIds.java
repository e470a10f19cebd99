package org.causerie.irc;

import org.causerie.chat.Names;

/**
 * The {@code msgid} tag of a message, unique on the server: a room message is {@code #room/ID} (its id
 * increases within the room), a private one {@code ~a,b/ID}, the two nicknames folded and sorted (its id
 * increases within that conversation). CHATHISTORY reads the id back from after the last {@code /}.
 */
final class MsgIds {
    private MsgIds() {}

    static String room(String room, long id) {
        return room + "/" + id;
    }

    static String conversation(String from, String to, long id) {
        String a = Names.fold(from);
        String b = Names.fold(to);
        return "~" + (a.compareTo(b) <= 0 ? a + "," + b : b + "," + a) + "/" + id;
    }

    /** The message id a msgid names, or -1 when it is not one of this server's. */
    static long id(String msgid) {
        int slash = msgid.lastIndexOf('/');
        if (slash < 0) {
            return -1;
        }
        try {
            long id = Long.parseLong(msgid.substring(slash + 1));
            return id > 0 ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
