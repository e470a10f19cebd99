package org.causerie.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the prompt: command names for a first word starting with {@code /}, room names
 * for a word starting with {@code #}, nicknames otherwise. Runs on the line editor's thread, while the
 * reader thread keeps the models it reads up to date.
 */
public final class Completions implements Completer {
    /** The server's commands, and the client's own {@code /format}. */
    static final List<String> COMMANDS = List.of("/help", "/nick", "/join", "/part", "/who", "/rooms", "/msg",
            "/me", "/topic", "/echo", "/calc", "/ping", "/format", "/quit");

    private final Nicknames nicknames;
    private final Presence presence;

    public Completions(Nicknames nicknames, Presence presence) {
        this.nicknames = nicknames;
        this.presence = presence;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String word : words(line.wordIndex(), line.word())) {
            candidates.add(new Candidate(word));
        }
    }

    /** The words that may complete {@code word}, the {@code index}-th word of the line. */
    List<String> words(int index, String word) {
        if (index == 0 && word.startsWith("/")) {
            return startingWith(COMMANDS, word);
        }
        if (word.startsWith("#")) {
            return startingWith(presence.rooms(), word);
        }
        return nicknames.complete(word);
    }

    private static List<String> startingWith(List<String> words, String prefix) {
        String folded = prefix.toLowerCase(Locale.ROOT);
        var out = new ArrayList<String>();
        for (String word : words) {
            if (word.toLowerCase(Locale.ROOT).startsWith(folded)) {
                out.add(word);
            }
        }
        return out;
    }
}
