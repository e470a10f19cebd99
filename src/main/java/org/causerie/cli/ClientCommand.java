package org.causerie.cli;

import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.causerie.ServerConfig;
import org.causerie.client.Address;
import org.causerie.client.Client;
import org.causerie.client.ClientOptions;
import org.causerie.protocol.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code causerie client}: a prompt at a terminal, or {@code nc} with manners in a pipe. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {
            "Connect to a Causerie server.",
            "At a terminal: a prompt with colours, tab completion of commands and nicknames, history, and"
                    + " automatic reconnection (/format json shows the raw lines; Ctrl-D or /quit leaves).",
            "In a pipe: input lines are sent as they are and server lines printed as they arrive, like nc;"
                    + " at the end of input it waits for the server to close or to fall quiet."})
public final class ClientCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", description = "server host (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "N", description = "server port (default: ${DEFAULT-VALUE})")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--nick", paramLabel = "NAME", description = "nickname to take after connecting")
    String nick;

    @Option(names = "--retry", description = "keep trying until the server can be reached (default: give up, status 1)")
    boolean retry;

    @Option(names = "--format", paramLabel = "text|json", converter = FormatConverter.class, defaultValue = "text",
            description = "in a pipe, print the server's lines as text or JSON (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--linger", paramLabel = "MS",
            description = "in a pipe, after the end of input: how long the server may stay quiet before leaving"
                    + " (default: ${DEFAULT-VALUE})")
    long lingerMillis = ClientOptions.DEFAULT_LINGER.toMillis();

    @Option(names = "--history", paramLabel = "FILE",
            description = "at a terminal, keep the input history in FILE (default: in memory only)")
    Path history;

    @Override
    public Integer call() throws Exception {
        ClientOptions options;
        try {
            options = new ClientOptions(new Address(host, port), nick, retry, format == Format.JSON,
                    Duration.ofMillis(lingerMillis), history);
        } catch (IllegalArgumentException e) {
            System.err.println("causerie client: " + e.getMessage());
            return 2;
        }
        return Client.run(options, atTerminal(), System.in, System.out, System.err);
    }

    /** Interactive only when both ends are a terminal; any redirection makes it a pipe, as nc would be. */
    private static boolean atTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.parse(value);
        }
    }
}
