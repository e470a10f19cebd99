package org.causerie.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.MaskingCallback;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The client at a terminal: a JLine prompt on the user's thread, and the {@link Conversation}'s reader
 * thread printing above it, so that incoming lines never break the line being typed.
 */
public final class InteractiveSession {
    private static final String PROMPT = "> ";
    /** How long the server may take to say goodbye after /quit before we close anyway. */
    private static final Duration GOODBYE = Duration.ofSeconds(3);

    /** Echoes nothing at all, not even stars: the length of a password is a secret too. */
    private static final Character NO_ECHO = LineReaderImpl.NULL_MASK;
    /** Shows secrets typed on the line as stars, and keeps the line without them in the history. */
    private static final MaskingCallback SECRETS_MASKED = new MaskingCallback() {
        @Override
        public String display(String line) {
            return Secrets.mask(line);
        }

        @Override
        public String history(String line) {
            return Secrets.redact(line);
        }
    };

    private final ClientOptions options;
    private final ServerLink first;
    /** Which of the hosts {@link #first} is connected to. */
    private final int firstHost;

    public InteractiveSession(ClientOptions options, ServerLink first) {
        this(options, first, 0);
    }

    public InteractiveSession(ClientOptions options, ServerLink first, int firstHost) {
        this.options = options;
        this.first = first;
        this.firstHost = firstHost;
    }

    /**
     * Takes the terminal, connects, and runs until the user leaves; returns the exit status (1 when the
     * server cannot be reached). The terminal comes first, its echo off: what the user types while the
     * client connects is kept for the prompt, where it shows once, instead of being echoed by the
     * terminal too (a stray copy of the line with no prompt). Outside a prompt, the echo stays off.
     */
    public static int atTerminal(ClientOptions options, PrintStream err) throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().name("causerie").system(true).build()) {
            terminal.echo(false);
            var connector = new Connector(options.hosts(), options.tls(), options.retry(), err);
            ServerLink link = connector.connect();
            if (link == null) {
                return 1;
            }
            return new InteractiveSession(options, link, connector.connected()).run(terminal);
        }
    }

    /** Runs at {@code terminal} (the system's, or one on streams in a test) until the user leaves. */
    int run(Terminal terminal) throws IOException, InterruptedException {
        var conversation = new Conversation(options.hosts(), options.tls(), options.nick());
        try {
            LineReader reader = lineReader(terminal, new Completions(conversation.nicknames(), conversation.presence(),
                    conversation.vocabulary(), conversation::refreshRooms));
            conversation.start(first, firstHost, reader::printAbove);
            while (!conversation.leaving()) {
                String line;
                try {
                    line = reader.readLine(PROMPT, null, SECRETS_MASKED, null);
                    line = withSecrets(reader, line, conversation);
                } catch (UserInterruptException e) { // Ctrl-C: clears a typed line, leaves at an empty prompt
                    if (!e.getPartialLine().isEmpty()) {
                        continue;
                    }
                    line = "/quit";
                } catch (EndOfFileException e) { // Ctrl-D
                    line = "/quit";
                }
                if (line != null && !line.isBlank()) {
                    conversation.send(line);
                }
            }
            conversation.awaitEnd(GOODBYE);
            conversation.close();
            reader.getHistory().save();
        } finally {
            conversation.close();
        }
        return 0;
    }

    /**
     * The line with the secrets it lacks ({@code /login alice}: the password), read at prompts that do
     * not echo and are kept in no history; null if the user gave up (an empty answer, two different
     * new passwords). Any other line as it is.
     */
    private static String withSecrets(LineReader reader, String line, Conversation conversation) {
        var out = new StringBuilder(line.strip());
        try {
            for (Secrets.Ask ask : Secrets.missing(line)) {
                String secret = reader.readLine(ask.prompt(), NO_ECHO);
                if (secret.isBlank()) {
                    conversation.note("nothing was sent");
                    return null;
                }
                if (ask.confirm() && !secret.equals(reader.readLine("again: ", NO_ECHO))) {
                    conversation.note("the two passwords differ: nothing was sent");
                    return null;
                }
                out.append(' ').append(secret.strip());
            }
        } catch (UserInterruptException | EndOfFileException e) { // Ctrl-C or Ctrl-D at a prompt: give up the line
            conversation.note("nothing was sent");
            return null;
        }
        return out.toString();
    }

    /** Creates the history file owner-only (0600), or makes it so: it is nobody else's business. */
    static void ownerOnly(Path file) throws IOException {
        var ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
    }

    private LineReader lineReader(Terminal terminal, Completions completions) throws IOException {
        // Chat lines are prose: quotes, backslashes and '!' mean nothing to the line editor.
        var parser = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        var builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("causerie")
                .parser(parser)
                .completer(completions)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true);
        Path history = options.history();
        if (history != null) {
            ownerOnly(history);
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        return builder.build();
    }
}
