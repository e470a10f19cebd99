package org.causerie.command;

import java.util.ArrayList;
import java.util.List;

/**
 * How a command's argument text is split, read from its usage line so that the two never disagree:
 * {@code NAME} is a required word, {@code [NAME]} an optional word, and a last parameter ending in
 * {@code ...} takes the rest of the line with its inner spaces kept ({@code TEXT...} required,
 * {@code [TEXT...]} optional); spaces at either end of the line are dropped. This is the lab's {@code split(" ", 1)}, generalised.
 */
record Arity(int required, int optional, Rest rest) {

    enum Rest { NONE, OPTIONAL, REQUIRED }

    static Arity of(String params) {
        int required = 0;
        int optional = 0;
        Rest rest = Rest.NONE;
        for (String param : params.isBlank() ? new String[0] : params.trim().split(" +")) {
            boolean isOptional = param.startsWith("[");
            if (param.endsWith("...") || param.endsWith("...]")) {
                rest = isOptional ? Rest.OPTIONAL : Rest.REQUIRED;
            } else if (isOptional) {
                optional++;
            } else {
                required++;
            }
        }
        return new Arity(required, optional, rest);
    }

    /** Splits {@code text}; returns null when it does not fit (too few or too many words). */
    Args split(String text) {
        var words = new ArrayList<String>();
        String remaining = text.strip();
        while (words.size() < required + optional && !remaining.isEmpty()) {
            int space = remaining.indexOf(' ');
            if (space < 0) {
                words.add(remaining);
                remaining = "";
            } else {
                words.add(remaining.substring(0, space));
                remaining = remaining.substring(space + 1).stripLeading();
            }
        }
        boolean fits = words.size() >= required
                && switch (rest) {
                    case NONE -> remaining.isEmpty();
                    case OPTIONAL -> true;
                    case REQUIRED -> !remaining.isEmpty();
                };
        return fits ? new Args(List.copyOf(words), remaining) : null;
    }
}
