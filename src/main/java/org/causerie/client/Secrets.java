package org.causerie.client;

import java.util.List;
import java.util.Locale;

/**
 * The lines that carry a secret: {@code /login NICK PASSWORD}, {@code /register PASSWORD},
 * {@code /password OLD NEW} and {@code /resume TOKEN}. The client keeps none of them: what the history
 * (file and Up-arrow) keeps is the line without its secrets, and what the screen shows while it is
 * typed has each secret character as {@code *}. A line that names the command without its secrets
 * ({@code /login alice}) makes the client ask for them at a prompt that does not echo.
 */
final class Secrets {
    /** A hidden prompt: what to ask, and whether the answer must be typed twice (a new password). */
    record Ask(String prompt, boolean confirm) {}

    /**
     * A command with secrets: the words kept before them (the command's name included), and the
     * prompts for the secrets, in the order the command takes them.
     */
    private record Shape(int kept, List<String> prompts, List<Boolean> confirmed) {}

    private Secrets() {}

    private static Shape shape(String command) {
        return switch (command) {
            case "/login" -> new Shape(2, List.of("password: "), List.of(false));
            case "/register" -> new Shape(1, List.of("new password: "), List.of(true));
            case "/password" -> new Shape(1, List.of("current password: ", "new password: "), List.of(false, true));
            case "/resume" -> new Shape(1, List.of("token: "), List.of(false));
            default -> null;
        };
    }

    /** {@code line} without its secrets, as the history may keep it; any other line as it is. */
    static String redact(String line) {
        Shape shape = shape(command(line));
        if (shape == null) {
            return line;
        }
        String[] words = line.strip().split(" +");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, shape.kept())));
    }

    /** {@code line} as the screen may show it: every character of a secret word as {@code *}. */
    static String mask(String line) {
        Shape shape = shape(command(line));
        if (shape == null) {
            return line;
        }
        var out = new StringBuilder(line.length());
        int word = -1;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean space = c == ' ';
            if (!space && !inWord) {
                word++;
            }
            inWord = !space;
            out.append(!space && word >= shape.kept() ? '*' : c);
        }
        return out.toString();
    }

    /**
     * The prompts to ask before sending {@code line}: none when it is no secret command or already has
     * its secrets (or more words than the command takes: the server's answer about its usage is better
     * than a prompt), one per missing secret when it names only what comes before them.
     */
    static List<Ask> missing(String line) {
        Shape shape = shape(command(line));
        if (shape == null) {
            return List.of();
        }
        String[] words = line.strip().split(" +");
        if (words.length != shape.kept()) {
            return List.of();
        }
        var asks = new java.util.ArrayList<Ask>();
        for (int i = 0; i < shape.prompts().size(); i++) {
            asks.add(new Ask(shape.prompts().get(i), shape.confirmed().get(i)));
        }
        return asks;
    }

    private static String command(String line) {
        String stripped = line.strip();
        int space = stripped.indexOf(' ');
        return (space < 0 ? stripped : stripped.substring(0, space)).toLowerCase(Locale.ROOT);
    }
}
