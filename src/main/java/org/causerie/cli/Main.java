package org.causerie.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code causerie} command: one jar, one subcommand per role. */
@Command(name = "causerie", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Causerie, a multi-user chat server and its terminal client.",
        subcommands = {ServerCommand.class, ClientCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Start with:",
            "  causerie server                 (listens on port 7777; Ctrl-C stops it)",
            "  causerie client                 (in another terminal: a prompt connected to it)",
            "  causerie COMMAND --help         (the options of a command)"})
public final class Main implements Callable<Integer> {
    /** Wide enough that no example line or URL of the help is wrapped in the middle. */
    static final int HELP_WIDTH = 120;
    /** The status of a command line that cannot be run as written (picocli's and the BSD convention). */
    static final int USAGE = 2;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status, for tests. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The whole command line, configured once: every subcommand prints the version, a bad option prints
     * its error and one line pointing at --help (not the whole usage), and help is not wrapped narrowly.
     */
    public static CommandLine commandLine() {
        var line = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).setUsageHelpWidth(HELP_WIDTH);
        var version = new Version();
        setVersion(line, version);
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine bad = e.getCommandLine();
            PrintWriter err = bad.getErr();
            err.println("causerie: " + e.getMessage());
            err.println("Try '" + bad.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return USAGE;
        });
        return line;
    }

    private static void setVersion(CommandLine line, Version version) {
        line.getCommandSpec().versionProvider(version);
        line.getSubcommands().values().forEach(sub -> setVersion(sub, version));
    }

    /** Bare {@code causerie}: say what to do, and fail, so that a script calling it by mistake notices. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("causerie: say which command to run: server, client or bench.");
        err.println("Try 'causerie server' to start a server, 'causerie client' to talk to it,"
                + " or 'causerie --help' for more.");
        err.flush();
        return USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"causerie " + org.causerie.ChatServer.VERSION};
        }
    }
}
