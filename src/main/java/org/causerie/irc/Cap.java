package org.causerie.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * The IRCv3 capabilities the door offers, in the order {@code CAP LS} lists them. A set of them is an
 * int of bits. Four change the bytes of a line every recipient shares (the tags, JOIN's form), and so
 * pick the codec variant; the others change what is sent (echo-message) or only per-recipient replies.
 */
enum Cap {
    SERVER_TIME("server-time"),
    MESSAGE_TAGS("message-tags"),
    ACCOUNT_TAG("account-tag"),
    EXTENDED_JOIN("extended-join"),
    ECHO_MESSAGE("echo-message"),
    MULTI_PREFIX("multi-prefix"),
    USERHOST_IN_NAMES("userhost-in-names"),
    AWAY_NOTIFY("away-notify"),
    ACCOUNT_NOTIFY("account-notify"),
    INVITE_NOTIFY("invite-notify"),
    CAP_NOTIFY("cap-notify"),
    BATCH("batch"),
    LABELED_RESPONSE("labeled-response"),
    CHATHISTORY("draft/chathistory"),
    SASL("sasl");

    /**
     * The capabilities that change a shared line's bytes: server-time, message-tags, account-tag and
     * extended-join. They must stay the lowest bits: each of their sets is a slot of the envelope cache.
     */
    static final int VARIANT_BITS = SERVER_TIME.bit() | MESSAGE_TAGS.bit() | ACCOUNT_TAG.bit() | EXTENDED_JOIN.bit();

    final String label;

    Cap(String label) {
        this.label = label;
    }

    int bit() {
        return 1 << ordinal();
    }

    boolean in(int set) {
        return (set & bit()) != 0;
    }

    /** As {@code CAP LS 302} shows it: sasl names its one mechanism. */
    String advertised(boolean v302) {
        return this == SASL && v302 ? "sasl=PLAIN" : label;
    }

    static Cap find(String label) {
        for (Cap cap : values()) {
            if (cap.label.equals(label)) {
                return cap;
            }
        }
        return null;
    }

    static List<String> labels(int set) {
        var labels = new ArrayList<String>();
        for (Cap cap : values()) {
            if (cap.in(set)) {
                labels.add(cap.label);
            }
        }
        return labels;
    }
}
