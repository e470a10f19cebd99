package org.causerie.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.causerie.ServerConfig;
import org.causerie.client.Hosts;
import org.causerie.client.Client;
import org.causerie.client.ClientOptions;
import org.causerie.client.TlsTrust;
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

    @Option(names = "--host", paramLabel = "HOST[:PORT]", description = "server host (default: 127.0.0.1); several,"
            + " repeated or comma-separated, are tried in order, and a lost connection goes on with the next one")
    java.util.List<String> hosts;

    @Option(names = "--port", paramLabel = "N", description = "server port, for hosts given without one (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--tls", description = "connect over TLS (to the server's --tls-port), checking its certificate"
            + " against the system's certificate authorities and --tls-ca")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "also trust the certificates in this PEM file: a"
            + " private CA, or a self-signed server's own certificate (implies --tls)")
    Path tlsCa;

    @Option(names = "--tls-insecure", description = "TLS without checking the server's certificate, for trials only:"
            + " anyone on the way could read and change the chat (implies --tls)")
    boolean tlsInsecure;

    @Option(names = "--history", paramLabel = "FILE",
            description = "at a terminal, keep the input history in FILE, owner-only and without passwords"
                    + " (default: in memory only)")
    Path history;

    @Override
    public Integer call() throws Exception {
        ClientOptions options;
        try {
            options = new ClientOptions(Hosts.parse(hosts == null ? java.util.List.of("127.0.0.1") : hosts, port), nick,
                    retry, format == Format.JSON,
                    Duration.ofMillis(lingerMillis), history, trust());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("causerie client: " + e.getMessage());
            return 2;
        }
        return Client.run(options, atTerminal(), System.in, System.out, System.err);
    }

    /** What to trust over TLS, or null for plain TCP. */
    private TlsTrust trust() throws IOException {
        if (tlsInsecure && tlsCa != null) {
            throw new IllegalArgumentException("--tls-insecure trusts any certificate: --tls-ca would not be used");
        }
        if (tlsInsecure) {
            return TlsTrust.insecure();
        }
        return tls || tlsCa != null ? TlsTrust.verifying(tlsCa) : null;
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
