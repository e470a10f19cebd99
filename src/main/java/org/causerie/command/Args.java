package org.causerie.command;

import java.util.List;

/** A command's arguments, split by its {@link Arity}: the words, then the rest of the line. */
public record Args(List<String> words, String rest) {

    public String word(int index) {
        return words.get(index);
    }

    /** The word at {@code index}, or null when the optional word was not given. */
    public String optional(int index) {
        return index < words.size() ? words.get(index) : null;
    }
}
