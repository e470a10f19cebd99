package org.causerie.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
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

    private final ClientOptions options;
    private final ServerLink first;

    public InteractiveSession(ClientOptions options, ServerLink first) {
        this.options = options;
        this.first = first;
    }

    /** Runs until the user leaves; returns the exit status. */
    public int run() throws IOException, InterruptedException {
        var conversation = new Conversation(options.address(), options.tls(), options.nick());
        try (Terminal terminal = TerminalBuilder.builder().name("causerie").system(true).build()) {
            LineReader reader = lineReader(terminal, new Completions(conversation.nicknames(), conversation.presence()));
            conversation.start(first, reader::printAbove);
            while (!conversation.leaving()) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) { // Ctrl-C: clears a typed line, leaves at an empty prompt
                    if (!e.getPartialLine().isEmpty()) {
                        continue;
                    }
                    line = "/quit";
                } catch (EndOfFileException e) { // Ctrl-D
                    line = "/quit";
                }
                if (!line.isBlank()) {
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

    private LineReader lineReader(Terminal terminal, Completions completions) {
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
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        return builder.build();
    }
}
