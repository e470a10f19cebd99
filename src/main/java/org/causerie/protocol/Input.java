package org.causerie.protocol;

/** One line from a client, classified. Bytes, framing and charset are already dealt with. */
public sealed interface Input {

    /** {@code /name rest}: {@code name} is lower-cased, {@code rest} is everything after the first space. */
    record Command(String name, String rest) implements Input {}

    /** A message for the current room ({@code //text} arrives here as {@code /text}). */
    record Chat(String text) implements Input {}

    /** The line {@code fin}: the end of the session, as in the lab. */
    record Fin() implements Input {}

    /** An empty line: nothing to do. */
    record Blank() implements Input {}
}
