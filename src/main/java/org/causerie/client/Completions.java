package org.causerie.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the prompt: command names for a first word starting with {@code /}, from the
 * server's own {@code /help} (so the list never drifts from the server's table); room names after
 * {@code /join} and for a word starting with {@code #}, from {@code /rooms} and the rooms seen;
 * nicknames otherwise. Runs on the line editor's thread, while the reader thread keeps the models it
 * reads up to date.
 */
public final class Completions implements Completer {
    private final Nicknames nicknames;
    private final Presence presence;
    private final Vocabulary vocabulary;
    /** Asks the server for its rooms again, for the next completion; may do nothing if it asked lately. */
    private final Runnable refreshRooms;

    Completions(Nicknames nicknames, Presence presence, Vocabulary vocabulary, Runnable refreshRooms) {
        this.nicknames = nicknames;
        this.presence = presence;
        this.vocabulary = vocabulary;
        this.refreshRooms = refreshRooms;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String first = line.words().isEmpty() ? "" : line.words().getFirst();
        for (String word : words(first, line.wordIndex(), line.word())) {
            candidates.add(new Candidate(word));
        }
    }

    /** The words that may complete {@code word}, the {@code index}-th word of a line whose first is {@code first}. */
    List<String> words(String first, int index, String word) {
        if (index == 0 && word.startsWith("/")) {
            return startingWith(vocabulary.commands(), word);
        }
        if (word.startsWith("#") || (index == 1 && first.equalsIgnoreCase("/join"))) {
            refreshRooms.run();
            var rooms = new ArrayList<>(vocabulary.rooms());
            for (String room : presence.rooms()) {
                if (rooms.stream().noneMatch(room::equalsIgnoreCase)) {
                    rooms.add(room);
                }
            }
            rooms.sort(String.CASE_INSENSITIVE_ORDER);
            return startingWith(rooms, word.isEmpty() ? "#" : word);
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
