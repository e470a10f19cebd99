package org.causerie.client;

import java.util.ArrayDeque;
import java.util.Deque;
import org.causerie.event.Event;

/**
 * Replies to commands the client sent on its own ({@code /format json}, a {@code /who} after a join),
 * which the user did not ask for and must not see. The server answers the lines of a connection in
 * order, so the first matching answer is ours. The reader thread and the line editor's (which asks for
 * /rooms to complete a room name) both use it: every method holds this object's lock.
 */
final class HiddenReplies {
    private record Expected(String command, String textPrefix) {}

    private final Deque<Expected> expected = new ArrayDeque<>();

    /** The next reply to {@code command} whose text starts with {@code textPrefix} (or an error to it) is ours. */
    synchronized void expect(String command, String textPrefix) {
        expected.addLast(new Expected(command, textPrefix));
    }

    /** Whether anything is still expected. */
    synchronized boolean pending() {
        return !expected.isEmpty();
    }

    /** Forgets every expectation: a new connection answers none of the old one's commands. */
    synchronized void clear() {
        expected.clear();
    }

    /** True if {@code event} answers one of our own commands; that expectation is then used up. */
    synchronized boolean hide(Event event) {
        for (var it = expected.iterator(); it.hasNext(); ) {
            Expected e = it.next();
            boolean match = switch (event) {
                case Event.Reply r -> e.command().equals(r.command()) && r.text().startsWith(e.textPrefix());
                case Event.Error r -> e.command().equals(r.command());
                default -> false;
            };
            if (match) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}
