package org.causerie.irc;

import java.util.List;

/**
 * The answer to one labelled command (IRCv3 labeled-response), written as it goes: its first line is
 * held; if a second comes, a {@code labeled-response} batch starts (with the label) and every line of
 * the answer is tagged with it, a nested batch (CHATHISTORY's) at its start and end lines only. Lines
 * of other origins may come between, outside the batch, as IRCv3 batches allow: nothing waits.
 */
final class Labels {
    private final String tag;
    private final IrcClient client;
    private String first;
    /** The batch's reference once opened. */
    private String batch;
    /** Nested batches open inside the answer: their lines carry their own batch tag. */
    private int nested;

    Labels(String label, IrcClient client) {
        this.tag = "label=" + IrcMessage.escape(label);
        this.client = client;
    }

    /** The line to write now for {@code line} of the answer, or null while it is held. */
    String pass(String line) {
        if (batch == null && first == null) {
            first = line;
            return null;
        }
        if (batch == null) {
            batch = client.nextBatch();
            String held = first;
            first = null;
            String open = IrcLine.of(tag, client.door().server, "BATCH", List.of("+" + batch, "labeled-response"), false);
            return String.join("\r\n", open, inBatch(held), inBatch(line));
        }
        return inBatch(line);
    }

    private String inBatch(String line) {
        String command = command(line);
        if (command.equals("BATCH")) {
            boolean opens = line.contains(" BATCH +");
            nested += opens ? 1 : -1;
            return tagged(line, "batch=" + batch);
        }
        return nested > 0 ? line : tagged(line, "batch=" + batch);
    }

    /** What ends the answer: an ACK, the one line labelled, or the batch's end. */
    List<String> end() {
        if (batch != null) {
            return List.of(IrcLine.of(null, client.door().server, "BATCH", List.of("-" + batch), false));
        }
        if (first != null) {
            return List.of(tagged(first, tag));
        }
        return List.of(IrcLine.of(tag, client.door().server, "ACK", List.of(), false));
    }

    /** {@code line} with {@code tag} first among its tags. */
    static String tagged(String line, String tag) {
        return line.startsWith("@") ? "@" + tag + ";" + line.substring(1) : "@" + tag + " " + line;
    }

    /** The command of a line the server wrote (after its tags and source). */
    static String command(String line) {
        int i = 0;
        if (line.startsWith("@")) {
            i = line.indexOf(' ') + 1;
        }
        if (line.startsWith(":", i)) {
            i = line.indexOf(' ', i) + 1;
        }
        int end = line.indexOf(' ', i);
        return line.substring(i, end < 0 ? line.length() : end);
    }
}
