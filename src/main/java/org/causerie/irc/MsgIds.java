package org.causerie.irc;

import org.causerie.chat.Names;

/**
 * The {@code msgid} tag of a message, unique on the server: a room message is {@code #room/ID} (its id
 * increases within the room), a private one {@code ~KEY/ID}, KEY naming the conversation by its two
 * identities (its id increases within that conversation). CHATHISTORY reads the id back from after the last {@code /}.
 */
final class MsgIds {
    private MsgIds() {}

    static String room(String room, long id) {
        return room + "/" + id;
    }

    /**
     * {@code ~KEY/ID}, KEY a digest of the conversation's key (its two identities, which no nickname change
     * or reuse alters, and which the msgid must not show: an account's number, a guest's connection): 72
     * bits of SHA-256 in base64url. The two nicknames, folded and sorted, only where the key is unknown.
     */
    static String conversation(org.causerie.event.Event.Private p) {
        if (p.conversation().isEmpty()) {
            String a = Names.fold(p.from());
            String b = Names.fold(p.to());
            return "~" + (a.compareTo(b) <= 0 ? a + "," + b : b + "," + a) + "/" + p.id();
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(p.conversation().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "~" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 9))
                    + "/" + p.id();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
