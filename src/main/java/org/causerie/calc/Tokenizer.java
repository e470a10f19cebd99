package org.causerie.calc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a /calc expression into tokens. The token and literal limits are enforced here, while
 * scanning, so oversized input is refused before the parser or any arithmetic sees it.
 */
final class Tokenizer {
    private Tokenizer() {
    }

    /** @return the tokens of {@code input}, always ending with one {@link Token.Kind#END} token */
    static List<Token> tokenize(String input) throws CalcException {
        List<Token> tokens = new ArrayList<>();
        int length = input.length();
        int i = 0;
        while (i < length) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (tokens.size() == Limits.MAX_TOKENS) {
                throw new CalcException("expression too long (limit " + Limits.MAX_TOKENS + " tokens)");
            }
            int start = i;
            Token.Kind kind;
            if (isDigit(c) || c == '.') {
                kind = Token.Kind.NUMBER;
                i = endOfNumber(input, start);
            } else if (isLetter(c)) {
                kind = Token.Kind.IDENTIFIER;
                while (i < length && isLetter(input.charAt(i))) {
                    i++;
                }
            } else {
                kind = symbol(c);
                if (kind == null) {
                    throw unexpectedCharacter(input, start);
                }
                i++;
            }
            tokens.add(new Token(kind, input.substring(start, i), start + 1));
        }
        tokens.add(new Token(Token.Kind.END, "", length + 1));
        return tokens;
    }

    /**
     * Digits with at most one decimal point and at least one digit. Exponent notation is not
     * accepted, which keeps a literal's size equal to its length. Refuses at the first digit
     * past the limit rather than after scanning the whole literal.
     */
    private static int endOfNumber(String input, int start) throws CalcException {
        int digits = 0;
        boolean point = false;
        int i = start;
        for (; i < input.length(); i++) {
            char c = input.charAt(i);
            if (isDigit(c)) {
                if (++digits > Limits.MAX_NUMBER_DIGITS) {
                    throw new CalcException("number too long at position " + (start + 1)
                            + " (limit " + Limits.MAX_NUMBER_DIGITS + " digits)");
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            throw unexpectedCharacter(input, start); // a lone '.'
        }
        return i;
    }

    private static Token.Kind symbol(char c) {
        return switch (c) {
            case '+' -> Token.Kind.PLUS;
            case '-' -> Token.Kind.MINUS;
            case '*' -> Token.Kind.STAR;
            case '/' -> Token.Kind.SLASH;
            case '%' -> Token.Kind.PERCENT;
            case '^' -> Token.Kind.CARET;
            case '(' -> Token.Kind.LEFT_PAREN;
            case ')' -> Token.Kind.RIGHT_PAREN;
            case ',' -> Token.Kind.COMMA;
            default -> null;
        };
    }

    /** ASCII only: other Unicode digits would be accepted by BigDecimal but look like something else. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * The message is printed in other users' terminals, so control, format and invisible
     * characters are shown as a code point rather than echoed raw.
     */
    private static CalcException unexpectedCharacter(String input, int index) {
        int codePoint = input.codePointAt(index);
        String shown = isVisible(codePoint)
                ? "'" + Character.toString(codePoint) + "'"
                : String.format("U+%04X", codePoint);
        return new CalcException("unexpected character " + shown + " at position " + (index + 1));
    }

    private static boolean isVisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
