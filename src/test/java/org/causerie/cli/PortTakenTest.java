package org.causerie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port already taken stops the start with one line that names the address, what the port is for and
 * the option that moves it, whichever door it was: a newcomer whose machine already runs an IRC server
 * or something on 8080 is told which option to change, not the line door's port.
 */
class PortTakenTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource({
        "--irc-port, IRC (--irc-port)",
        "--http-port, 'the web page (--http-port, --https-port)'",
        "--admin-port, metrics and health (--admin-port)",
    })
    void theLineSaysWhichPortAndWhichOption(String option, String purpose) throws Exception {
        try (var held = new ServerSocket()) {
            held.bind(new InetSocketAddress("127.0.0.1", 0));
            int taken = held.getLocalPort();
            var args = new java.util.ArrayList<>(java.util.List.of("server", "--bind", "127.0.0.1", "--port", "0",
                    "--store", "memory", "--data", data.toString(), "--irc-port", "0", "--http-port", "0",
                    "--admin-port", "0"));
            args.set(args.indexOf(option) + 1, String.valueOf(taken));

            var run = run(args.toArray(String[]::new));

            assertThat(run.status).isEqualTo(1);
            assertThat(run.err.lines().filter(line -> line.startsWith("causerie: ")))
                    .containsExactly("causerie: cannot listen on 127.0.0.1:" + taken + " for " + purpose
                            + ": address already in use");
        }
    }

    private record Run(int status, String err) {}

    private static synchronized Run run(String... args) {
        PrintStream err = System.err;
        var bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Run(status, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }
}
