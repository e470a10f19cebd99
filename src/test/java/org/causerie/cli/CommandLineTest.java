package org.causerie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.causerie.ChatServer;
import org.causerie.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the command line says, in-process through picocli: versions, errors, help, a failing start. */
class CommandLineTest {
    @TempDir
    Path dir;

    /** The exit status and what was printed on each stream. */
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int status = line.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void everyCommandPrintsTheVersion() {
        for (String command : new String[] {"server", "client", "bench"}) {
            Run run = run(command, "--version");
            assertThat(run.status()).isZero();
            assertThat(run.out()).isEqualTo("causerie " + ChatServer.VERSION + System.lineSeparator());
        }
        assertThat(run("--version").out()).startsWith("causerie ");
    }

    @Test
    void bareCauserieSaysWhatToDoAndFails() {
        Run run = run();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("causerie server").contains("causerie client").contains("--help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadFlagPrintsTheErrorAndOneLinePointingAtHelp() {
        Run run = run("server", "--prot", "7000");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("causerie: Unknown options: '--prot', '7000'",
                "Try 'causerie server --help' for more information.");
        assertThat(run("client", "--port", "many").err().lines()).hasSize(2).last()
                .isEqualTo("Try 'causerie client --help' for more information.");
    }

    /** An example line or a URL is copied and pasted: the help must never break one in the middle. */
    @Test
    void helpNeverWrapsInsideAUrlOrAnExample() {
        var wholes = Pattern.compile("[a-z]+:(//)?[^\\s)]+|^ {2}causerie .*$", Pattern.MULTILINE);
        for (String[] command : new String[][] {{"--help"}, {"server", "--help"}, {"client", "--help"},
                {"bench", "--help"}, {"bench", "fanout", "--help"}}) {
            Run run = run(command);
            String help = run.out();
            assertThat(run.status()).isZero();
            List<String> expected = new ArrayList<>();
            CommandLine line = Main.commandLine();
            for (String name : command) {
                line = name.startsWith("-") ? line : line.getSubcommands().get(name);
            }
            var spec = line.getCommandSpec();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().footer()));
            spec.options().forEach(o -> texts.addAll(List.of(o.description())));
            texts.addAll(List.of(spec.usageMessage().description()));
            for (String text : texts) {
                Matcher matcher = wholes.matcher(text);
                while (matcher.find()) {
                    expected.add(matcher.group().strip());
                }
            }
            for (String whole : expected) {
                assertThat(help).as("help of %s keeps whole: %s", String.join(" ", command), whole).contains(whole);
            }
        }
    }

    @Test
    void tlsOptionsWithoutAPortImplyTheDefaultTlsPort() throws IOException {
        var selfSigned = new ServerCommand();
        new CommandLine(selfSigned).parseArgs("--tls-self-signed");
        assertThat(selfSigned.serverConfig().tls().port()).isEqualTo(TlsConfig.DEFAULT_PORT);

        Path cert = Files.writeString(dir.resolve("fullchain.pem"), "x");
        Path key = Files.writeString(dir.resolve("privkey.pem"), "x");
        var files = new ServerCommand();
        new CommandLine(files).parseArgs("--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertThat(files.serverConfig().tls().port()).isEqualTo(7443);

        var plain = new ServerCommand();
        new CommandLine(plain).parseArgs("--port", "7000");
        assertThat(plain.serverConfig().tls().enabled()).isFalse();
    }

    @Test
    void aMissingCertificateFileIsAlwaysAnError() {
        Path absent = dir.resolve("fullchain.pem");
        for (String[] args : new String[][] {
                {"server", "--port", "0", "--tls-cert", absent.toString(), "--tls-key", absent.toString()},
                {"server", "--port", "0", "--tls-port", "0", "--tls-cert", absent.toString(), "--tls-key", "k"},
                {"server", "--port", "0", "--tls-cert", absent.toString()}}) {
            Run run = run(args);
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("causerie: no certificate file " + absent + " (--tls-cert)"
                    + System.lineSeparator());
        }
    }

    /**
     * A data directory the server may not write to is said in one line, not in a migration tool's dump.
     * Root may write anywhere it has permission bits for, so as root the directory is made immutable instead.
     */
    @Test
    void anUnwritableDataDirectoryIsOneLineNamingIt() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        boolean root = "root".equals(System.getProperty("user.name"));
        String[] lock = root ? new String[] {"chattr", "+i", data.toString()} : new String[] {"chmod", "555", data.toString()};
        String[] unlock = root ? new String[] {"chattr", "-i", data.toString()} : new String[] {"chmod", "755", data.toString()};
        assumeTrue(exec(lock) == 0, "cannot make " + data + " unwritable here (" + String.join(" ", lock) + " failed)");
        try {
            Run run = run("server", "--bind", "127.0.0.1", "--port", "0", "--data", data.toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err().lines()).hasSize(1).first().asString()
                    .startsWith("causerie: permission denied: " + data.toAbsolutePath());
            assertThat(run.out()).isEmpty();
        } finally {
            exec(unlock);
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            return -1; // the tool is not installed
        }
    }
}
