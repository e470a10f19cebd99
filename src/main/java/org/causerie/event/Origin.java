package org.causerie.event;

/**
 * Who sent a message, as far as its {@link Envelope} knows: a session of this node (the hub's sessions
 * are origins), or {@link #ELSEWHERE}, a session of another node. A door compares origins by identity to
 * tell its own session's echo from a message of another session of the same account (multiclient).
 */
public interface Origin {
    /** A session of another node: never this node's session, whichever it is. */
    Origin ELSEWHERE = new Origin() {
        @Override
        public String toString() {
            return "elsewhere";
        }
    };
}
