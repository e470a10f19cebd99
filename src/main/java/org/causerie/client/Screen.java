package org.causerie.client;

import org.jline.utils.AttributedString;

/**
 * Where a {@link Conversation} shows what happens: above the prompt of a terminal, or into a list in a
 * test. Called from the reader thread, so an implementation must be safe to call from it.
 */
@FunctionalInterface
public interface Screen {
    void show(AttributedString line);
}
