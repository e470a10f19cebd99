package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays a conversation written as a transcript: {@code > line} is sent, {@code < line} must be the
 * next line received, exactly, and {@code <~ regex} must match it. Blank lines and {@code #!} comments
 * are skipped. Several clients can share one script by naming them: {@code alice> hi}, {@code bob< ...}.
 */
public final class Transcript {
    private Transcript() {}

    public static void play(Wire wire, String script) {
        play(new java.util.HashMap<>(java.util.Map.of("", wire)), script);
    }

    public static void play(java.util.Map<String, Wire> wires, String script) {
        for (String raw : script.split("\n")) {
            String step = raw.strip();
            if (step.isEmpty() || step.startsWith("#!")) {
                continue;
            }
            int arrow = indexOfArrow(step);
            String who = step.substring(0, arrow);
            Wire wire = wires.get(who);
            if (wire == null) {
                throw new IllegalArgumentException("no client called '" + who + "' in: " + step);
            }
            String rest = step.substring(arrow);
            if (rest.startsWith("> ")) {
                wire.send(rest.substring(2));
            } else if (rest.startsWith("<~ ")) {
                assertThat(wire.next()).as(step).matches(rest.substring(3));
            } else if (rest.startsWith("< ")) {
                assertThat(wire.next()).as(step).isEqualTo(rest.substring(2));
            } else {
                throw new IllegalArgumentException("a step is '> line', '< line' or '<~ regex': " + step);
            }
        }
    }

    private static int indexOfArrow(String step) {
        for (int i = 0; i < step.length(); i++) {
            char c = step.charAt(i);
            if (c == '<' || c == '>') {
                return i;
            }
            if (!Character.isLetterOrDigit(c)) {
                break;
            }
        }
        throw new IllegalArgumentException("a step starts with an optional client name and > or <: " + step);
    }
}
