package org.causerie.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.causerie.ServerConfig;
import org.causerie.audit.Audit;
import org.causerie.auth.Passwords;
import org.causerie.chat.ChatException;
import org.causerie.chat.Names;
import org.causerie.store.Store;
import org.causerie.store.StoreException;
import org.causerie.store.jdbc.PostgresStore;
import org.causerie.store.jdbc.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code causerie server oper add|list|remove}: sets who the server's operators are, with credentials
 * chosen here by whoever runs the server, in the store the server uses. A running server reads them at
 * its next start.
 */
@Command(name = "oper", mixinStandardHelpOptions = true,
        description = "Manage server operators: accounts whose password you set here (the server reads them at start).",
        subcommands = {OperCommand.Add.class, OperCommand.ListOperators.class, OperCommand.Remove.class})
public final class OperCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * Where the server keeps its data: the same options, defaults, configuration file and environment
     * variables as {@code causerie server}, so that {@code oper add} writes to the store the server reads.
     */
    static class StoreOptions {
        @Option(names = "--data", paramLabel = "DIR", description = "where the SQLite store keeps causerie.db (default:"
                + " the server's: --config file, CAUSERIE_DATA, else " + "${DEFAULT-VALUE})")
        Path data = ServerConfig.defaults().dataDir();

        @Option(names = "--store", paramLabel = "STORE", description = "sqlite or a jdbc:postgresql:// URL (default:"
                + " the server's: --config file, CAUSERIE_STORE, else ${DEFAULT-VALUE})")
        String store = ServerConfig.SQLITE;

        @Option(names = "--config", paramLabel = "FILE", description = "the server's TOML file, read for its data and"
                + " store (default: $CAUSERIE_CONFIG, else none)")
        Path config;

        @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
        picocli.CommandLine.Model.CommandSpec mixee;

        Store open() {
            var server = serverSettings();
            String store = server.store;
            return switch (store) {
                case ServerConfig.SQLITE -> SqliteStore.open(server.data);
                case ServerConfig.MEMORY -> throw new IllegalArgumentException(
                        "a memory store keeps nothing: operators need --store sqlite or a PostgreSQL URL");
                default -> {
                    if (!store.startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("the store is sqlite or a jdbc:postgresql:// URL, not " + store);
                    }
                    yield PostgresStore.open(store);
                }
            };
        }

        /** The server's options as {@code causerie server} would resolve them, with this command's flags on top. */
        private ServerCommand serverSettings() {
            var flags = new java.util.ArrayList<String>();
            var parsed = mixee == null ? null : mixee.commandLine().getParseResult();
            if (parsed != null && parsed.hasMatchedOption("--data")) {
                flags.add("--data=" + data);
            }
            if (parsed != null && parsed.hasMatchedOption("--store")) {
                flags.add("--store=" + store);
            }
            var line = new picocli.CommandLine(new ServerCommand());
            line.parseArgs(flags.toArray(String[]::new));
            try {
                return Settings.resolve(line.getCommandSpec(), System.getenv(), config, ServerCommand::new).command();
            } catch (Settings.ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** Runs {@code work} on the store, turning the expected failures into one line and status 1. */
    static int withStore(StoreOptions options, StoreWork work) {
        try (Store store = options.open()) {
            return work.run(store);
        } catch (IllegalArgumentException | StoreException | ChatException e) {
            System.err.println("causerie: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("causerie: cannot read the password: " + e.getMessage());
            return 1;
        }
    }

    @FunctionalInterface
    interface StoreWork {
        int run(Store store) throws IOException;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Make NAME a server operator, creating"
            + " its account or replacing its password (asked twice on a terminal, else one line on stdin);"
            + " every session token of the account is revoked.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the operator's nickname")
        String name;

        @picocli.CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @Override
        public Integer call() {
            try {
                Names.checkNick(name);
            } catch (ChatException e) {
                System.err.println("causerie: " + e.getMessage());
                return 2;
            }
            String password;
            try {
                password = readPassword();
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("causerie: " + e.getMessage());
                return 1;
            }
            String problem = Passwords.problem(password);
            if (problem != null) {
                System.err.println("causerie: " + problem);
                return 1;
            }
            String hash = new Passwords().hash(password);
            return withStore(options, store -> {
                var account = store.setOperator(name, hash);
                Audit.event("operator_added", "name", account.nick(), "by", System.getProperty("user.name"));
                System.out.println(account.nick() + " is a server operator; a running server applies it at its next"
                        + " start; log in with /login " + account.nick() + " PASSWORD");
                return 0;
            });
        }

        /** Twice without echo on a terminal; otherwise the first line of standard input. */
        private static String readPassword() throws IOException {
            Console console = System.console();
            if (console != null && console.isTerminal()) {
                char[] first = console.readPassword("password: ");
                char[] second = console.readPassword("again: ");
                if (first == null || second == null) {
                    throw new IllegalArgumentException("no password given");
                }
                try {
                    if (!Arrays.equals(first, second)) {
                        throw new IllegalArgumentException("the two passwords differ");
                    }
                    return new String(first);
                } finally {
                    Arrays.fill(first, ' ');
                    Arrays.fill(second, ' ');
                }
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on standard input");
            }
            return line;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the server operators.")
    static final class ListOperators implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @Override
        public Integer call() {
            return withStore(options, store -> {
                var operators = store.operators();
                if (operators.isEmpty()) {
                    System.out.println("no server operators (add one: causerie server oper add NAME)");
                }
                operators.forEach(System.out::println);
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Take operator rights from NAME (its account stays; a running server applies it at its next start).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the operator's nickname")
        String name;

        @picocli.CommandLine.Mixin
        StoreOptions options = new StoreOptions();

        @Override
        public Integer call() {
            return withStore(options, store -> {
                if (!store.removeOperator(name)) {
                    System.err.println("causerie: " + name + " is not a server operator");
                    return 1;
                }
                Audit.event("operator_removed", "name", name, "by", System.getProperty("user.name"));
                System.out.println(name + " is no longer a server operator (from the server's next start)");
                return 0;
            });
        }
    }
}
