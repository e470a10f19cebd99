package org.causerie.fuzz;

/** What the fuzz tests share: the protocol's list of refused characters, and a printable form of inputs. */
public final class Inputs {
    private Inputs() {}

    /**
     * True for a code point docs/protocol.md says no line may carry: C0 and C1 controls and DEL (the
     * JDK's "Cc" class) but tab, the bidirectional embeddings, overrides and isolates, the direction
     * marks, the line and paragraph separators, and the byte order mark.
     */
    public static boolean isForbidden(int codePoint) {
        if (codePoint == '\t') {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> switch (Character.getDirectionality(codePoint)) {
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING,
                        Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT,
                        Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
                        Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
                        Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE,
                        Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
                        Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE -> true;
                default -> codePoint == 0x200e || codePoint == 0x200f || codePoint == 0x061c || codePoint == 0xfeff;
            };
        };
    }

    /** {@code text} in Java string syntax with every non-printable-ASCII character escaped, for failure messages. */
    public static String show(String text) {
        var out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
