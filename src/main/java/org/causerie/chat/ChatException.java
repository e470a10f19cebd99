package org.causerie.chat;

/**
 * A refusal found where it happens (a taken nickname, an unknown room). The dispatcher turns it into
 * an {@code error} line in one place; {@code code} is part of the protocol and must not change.
 */
public final class ChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public ChatException(String code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
