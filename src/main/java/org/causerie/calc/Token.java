package org.causerie.calc;

/**
 * One lexical token of a /calc expression.
 *
 * @param kind what the token is
 * @param text the exact characters of the token, empty for {@link Kind#END}
 * @param position 1-based position of its first character, which error messages must report;
 *     for {@link Kind#END} one past the last character
 */
record Token(Kind kind, String text, int position) {

    /** Error messages quote token text; a limit keeps a long identifier from flooding the chat. */
    private static final int MAX_QUOTED_LENGTH = 20;

    enum Kind {
        NUMBER,
        IDENTIFIER,
        PLUS,
        MINUS,
        STAR,
        SLASH,
        PERCENT,
        CARET,
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        END
    }

    /** The token as quoted in error messages, shortened when long. */
    String quoted() {
        String shown = text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
        return "'" + shown + "'";
    }

    /** The error for finding this token where it cannot appear. */
    CalcException unexpected() {
        if (kind == Kind.END) {
            return new CalcException("unexpected end of expression");
        }
        return new CalcException("unexpected " + quoted() + " at position " + position);
    }
}
