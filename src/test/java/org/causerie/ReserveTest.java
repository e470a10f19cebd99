package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a server in a process of its own can show: under a low open-files limit, the server keeps a
 * reserve of descriptors, so that past its (lowered) connection limit it still accepts and refuses
 * politely, and its log does not fill with failed accepts (issue 13, item 2); under a umask of 000, its
 * data folder, database and TLS key are still readable by their owner only (item 7).
 */
class ReserveTest {
    private static final Pattern CHOSEN = Pattern.compile("descriptors limit=256 .*max_connections=(\\d+)");

    @TempDir
    Path data;

    private static Socket open(String from, int port) throws IOException {
        var socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) Wire.TIMEOUT.toMillis());
        return socket;
    }

    private static String firstLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void underALowOpenFilesLimitTheServerStillRefusesPolitely() throws Exception {
        var server = ServerProcess.start(data, "ulimit -n 256", "--no-limits");
        var held = new ArrayList<Socket>();
        try {
            int chosen = server.output().stream().map(CHOSEN::matcher).filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError("no descriptors line in " + server.output()));
            assertThat(chosen).as("room left below 256 descriptors").isBetween(1, 256 - 64);

            for (int i = 0; i < chosen; i++) { // one address takes every connection the server allows
                Socket socket = open("127.0.0.1", server.port());
                held.add(socket);
                assertThat(firstLine(socket)).startsWith("- welcome");
            }
            String full = "! too-many-connections: the server is full (" + chosen + " connections); try again later";
            for (int i = 0; i < 40; i++) { // more than the reserve would hold if they were kept
                try (Socket extra = open("127.0.0.1", server.port())) {
                    assertThat(firstLine(extra)).isEqualTo(full);
                }
            }
            try (Socket other = open("127.0.0.2", server.port())) { // someone else is told too, not left hanging
                assertThat(firstLine(other)).isEqualTo(full);
            }
            held.removeFirst().close();
            await().atMost(Wire.TIMEOUT).until(() -> {
                try (Socket other = open("127.0.0.2", server.port())) {
                    return firstLine(other).startsWith("- welcome");
                }
            });
            assertThat(server.output()).noneMatch(line -> line.contains("accept_failed"));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            server.process().destroyForcibly().waitFor();
        }
    }

    @Test
    void privateFilesAreOwnerOnlyWhateverTheUmask() throws Exception {
        Path dir = data.resolve("data");
        var server = ServerProcess.start(dir, "umask 000", "--no-limits", "--tls-port", "0", "--tls-self-signed");
        try {
            try (Socket client = open("127.0.0.1", server.port())) { // a session, so the store has written
                client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                assertThat(firstLine(client)).startsWith("- welcome");
            }
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("causerie.db"))).isEqualTo("rw-------");
            for (String sidecar : List.of("causerie.db-wal", "causerie.db-shm")) {
                if (Files.exists(dir.resolve(sidecar))) {
                    assertThat(mode(dir.resolve(sidecar))).as(sidecar).isEqualTo("rw-------");
                }
            }
            assertThat(mode(dir.resolve("tls"))).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("tls/self-signed.key"))).isEqualTo("rw-------");
        } finally {
            server.process().destroyForcibly().waitFor();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
