package org.causerie.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code causerie} command: one jar, one subcommand per role. */
@Command(name = "causerie", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Causerie, a multi-user chat server and its terminal client.",
        subcommands = {ServerCommand.class, ClientCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status, for tests. */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"causerie " + org.causerie.ChatServer.VERSION};
        }
    }
}
