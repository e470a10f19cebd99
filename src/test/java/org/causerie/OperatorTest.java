package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.causerie.audit.Audit;
import org.causerie.auth.Operators;
import org.causerie.cli.Main;
import org.causerie.net.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator rights come only from credentials that whoever runs the server set (causerie server oper
 * add): an operator name cannot be claimed by whoever registers it first, a server refuses to start
 * with an operator it cannot verify, and every operator action is audited with who did it.
 */
class OperatorTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void aServerRefusesToStartWithAnOperatorNameThatHasNoCredentials(@TempDir Path data) {
        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.SQLITE, data)
                .operators(List.of("admin")).build();
        assertThatThrownBy(() -> ChatServer.create(config).start())
                .isInstanceOf(Operators.Unverified.class)
                .hasMessage("--oper admin: admin has no operator credentials in this store;"
                        + " set them first with: causerie server oper add admin");
    }

    @Test
    void aGuestCannotBecomeOperatorByRegisteringTheName() {
        OperatorSeed.add(server, "admin", "operator-set-this");
        try (Wire mallory = server.connect(); Wire bob = server.connect()) {
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            mallory.expect("* #general: guest-2 joined");
            Transcript.play(mallory, """
                    < * #general: guest-2 is now bob
                    > /nick admin
                    < ! nick-registered: admin is registered: /login admin PASSWORD
                    > /register x-anything
                    < ! bad-nick: choose a nickname first (/nick NAME), then /register PASSWORD
                    > /login admin x-anything
                    < ! bad-login: wrong nickname or password
                    > /kill bob
                    < ! not-server-operator: only server operators may do that
                    > /shutdown
                    < ! not-server-operator: only server operators may do that
                    """);
        }
    }

    @Test
    void aSquatterWhoRegisteredTheNameFirstLosesItToTheOperatorsCredentials() {
        String token;
        try (Wire squatter = server.connect()) {
            squatter.send("/nick admin").expect("* #general: guest-1 is now admin");
            squatter.send("/register squatted-it").expect("= registered admin; you are logged in");
            token = squatter.send("/token").expect(line -> line.startsWith("= token ")).split(" ")[2];
        }
        OperatorSeed.add(server, "admin", "operator-set-this");
        try (Wire squatter = server.connect()) {
            squatter.send("/login admin squatted-it").expect("! bad-login: wrong nickname or password");
            squatter.send("/resume " + token).expect(line -> line.startsWith("! bad-token:"));
            squatter.send("/shutdown").expect("! not-server-operator: only server operators may do that");
        }
        try (Wire admin = server.connect()) {
            admin.send("/login admin operator-set-this").expect("= you are logged in as admin");
        }
    }

    @Test
    void operatorActionsAreAuditedWithWhoDidThem() throws Exception {
        OperatorSeed.add(server, "root", "root-password");
        // root has an address of its own: the audit log limits each address's lines per 10 s, JVM-wide.
        try (var audit = CapturedLog.of(Audit.LOGGER); Wire root = Wire.greetedFrom("127.0.0.51", server.port());
                Wire bob = server.connect()) {
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            root.send("/login root root-password").expect("= you are logged in as root");
            root.send("/kill bob spam").expect("= bob is disconnected");
            root.send("/join #side").expect("* #side: root joined");
            root.send("/close #side done").expect(line -> line.startsWith("* #side: root kicked root"));
            root.send("/shutdown").expect("= the server is stopping");
            server.server().awaitStopped();
            assertThat(audit.contains("login address=127.0.0.51 account=root")).isTrue();
            assertThat(audit.contains("user_killed by=root target=bob", "reason=spam")).isTrue();
            assertThat(audit.contains("room_closed by=root room=#side reason=done")).isTrue();
            assertThat(audit.contains("server_stop_requested by=root")).isTrue();
        }
    }

    @Test
    void operAddListAndRemoveFromTheCommandLine(@TempDir Path data) throws Exception {
        String dir = data.toString();
        assertThat(cli("operator-password\n", "server", "oper", "add", "Root", "--data", dir).status).isZero();
        assertThat(cli("", "server", "oper", "list", "--data", dir).out).isEqualTo("Root\n");
        assertThat(cli("short\n", "server", "oper", "add", "eve", "--data", dir).err)
                .isEqualTo("causerie: a password has 8 to 128 characters\n");
        assertThat(cli("", "server", "oper", "add", "eve", "--data", dir).err)
                .isEqualTo("causerie: no password on standard input\n");

        var config = ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.SQLITE, data)
                .operators(List.of("root")).build();
        try (var log = CapturedLog.of(Audit.LOGGER); var started = ChatServer.create(config).start();
                Wire root = Wire.greeted(started.port())) {
            assertThat(log.contains("server_operators names=Root")).isTrue();
            root.send("/login root operator-password").expect("= you are logged in as Root");
        }

        assertThat(cli("", "server", "oper", "remove", "root", "--data", dir).status).isZero();
        Run again = cli("", "server", "oper", "remove", "root", "--data", dir);
        assertThat(again.status).isEqualTo(1);
        assertThat(again.err).isEqualTo("causerie: root is not a server operator\n");
        assertThat(cli("", "server", "oper", "list", "--data", dir).out).startsWith("no server operators");
        Run refused = cli("", "server", "--oper", "root", "--data", dir, "--bind", "127.0.0.1", "--port", "0");
        assertThat(refused.status).isEqualTo(1);
        assertThat(refused.err).isEqualTo("causerie: --oper root: root has no operator credentials in this store;"
                + " set them first with: causerie server oper add root\n");
    }

    @Test
    void operAddWritesToTheStoreTheServersConfigurationFileNames(@TempDir Path home) throws Exception {
        Path data = home.resolve("data");
        Path file = home.resolve("causerie.toml");
        Files.writeString(file, "data = \"" + data + "\"\nport = 7777\noper = [\"root\"]\n");

        assertThat(cli("operator-password\n", "server", "oper", "add", "root", "--config", file.toString()).status)
                .isZero();

        assertThat(cli("", "server", "oper", "list", "--data", data.toString()).out).isEqualTo("root\n");
        assertThat(cli("", "server", "oper", "list", "--config", file.toString(), "--data", home.toString()).out)
                .as("a flag still wins over the file").startsWith("no server operators");
        assertThat(cli("", "server", "oper", "list", "--config", home.resolve("absent.toml").toString()).err)
                .startsWith("causerie: no configuration file ");
    }

    private record Run(int status, String out, String err) {}

    /** Runs the command line in this JVM with {@code stdin} as standard input (not a terminal). */
    private static synchronized Run cli(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        var outBytes = new ByteArrayOutputStream();
        var errBytes = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Run(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }
}
