package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.causerie.audit.Audit;
import org.causerie.net.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /drain}: a server operator empties a node before an upgrade. Every session, whatever its door
 * (line text, JSON, IRC, WebSocket), is told to reconnect elsewhere; the doors' ports close; the server
 * stops once they have gone, or at the deadline, closing the rest. Audited. Over real sockets.
 */
class DrainTest {
    static final String NOTICE = "drain: this server is closing for maintenance; reconnect to another server";

    @RegisterExtension
    final TestServer server = new TestServer(ServerConfig.builder().irc(new IrcConfig(0, "irc.test"))
            .web(WebConfig.httpOnly().withAdmin(0)).limits(Limits.NONE).build()); // four doors from one address: no connect rate

    private Wire operator() {
        OperatorSeed.add(server, "root", "root-password");
        Wire root = Wire.greetedFrom("127.0.0.61", server.port()); // an address of its own: the audit log's rate
        root.send("/login root root-password").expect("= you are logged in as root");
        return root;
    }

    @Test
    void onlyServerOperatorsDrain() {
        try (Wire bob = Wire.join(server.port(), "bob")) {
            bob.send("/drain").expect("! not-server-operator: only server operators may do that");
            bob.send("/drain soon").expect(line -> line.startsWith("! bad-usage: usage: /drain [SECONDS]"));
            assertThat(server.server().sessions()).isEqualTo(1); // nothing else happened
            assertThat(Wire.join(server.port(), "carol").ask("/ping")).isEqualTo("= pong");
        }
    }

    @Test
    void everyDoorIsToldNewcomersAreRefusedAndTheServerStopsOnceAllHaveGone() throws Exception {
        try (Wire root = operator(); var audit = CapturedLog.of(Audit.LOGGER);
                Wire text = Wire.join(server.port(), "text"); Wire json = Wire.joinJson(server.port(), "json");
                Wire irc = Wire.connect(server.server().ircPort()); var web = org.causerie.web.Ws.open(server.server().httpPort(),
                        java.util.Map.of("Origin", "http://127.0.0.1:" + server.server().httpPort()))) {
            irc.sendRaw("NICK ann\r\nUSER ann 0 * :Ann\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            irc.expect(line -> line.startsWith(":irc.test 422 "));
            web.expect("welcome");
            assertThat(readiness()).isEqualTo("200 ready");
            int[] ports = {server.port(), server.server().ircPort(), server.server().httpPort()};

            root.send("/drain 30").expect("- " + NOTICE); // the operator is told as everyone is, then answered
            root.expect(line -> line.startsWith("= draining: ") && line.endsWith("or in 30 s"));
            text.expect("- " + NOTICE);
            json.expect(line -> line.equals("{\"type\":\"notice\",\"text\":\"" + NOTICE + "\"}"));
            irc.expect(line -> line.matches(":irc\\.test NOTICE ann :" + java.util.regex.Pattern.quote(NOTICE)));
            web.expect(frame -> frame.path("type").asText().equals("notice") && frame.path("text").asText().equals(NOTICE));

            // Every door's port is closed: a balancer's next connection is refused at once and goes to
            // another node (the hub would still refuse one that raced in); the admin port stays.
            for (int port : ports) { // Jetty closes its ports from its own threads: wait for it, bounded
                org.awaitility.Awaitility.await("port " + port + " refuses connections").atMost(Wire.TIMEOUT)
                        .until(() -> refuses(port));
            }
            assertThat(readiness()).isEqualTo("503 the server is draining"); // a load balancer sends no one here
            assertThat(server.server().sessions()).isEqualTo(5);

            for (AutoCloseable client : new AutoCloseable[] {text, json, irc, web}) {
                client.close();
                assertThat(server.server().sessions()).isPositive(); // not stopped while someone is left
            }
            root.send("/quit");
            awaitStopped(Duration.ofSeconds(10)); // well before the 30 s deadline
            assertThat(audit.contains("server_drain by=root", "sessions=5", "deadline_s=30")).isTrue();
            assertThat(audit.contains("server_drained sessions_left=0")).isTrue();
        }
    }

    @Test
    void atTheDeadlineTheSessionsLeftAreClosed() throws Exception {
        try (Wire root = operator(); Wire stays = Wire.join(server.port(), "stays")) {
            root.send("/drain 1").expect(line -> line.startsWith("= draining: "));
            stays.expect("- " + NOTICE);
            stays.send("/drain").expect("! not-server-operator: only server operators may do that");
            root.send("/drain").expect("! draining: the server is already draining");
            stays.expect("- the server is shutting down");
            stays.awaitClose();
            awaitStopped(Duration.ofSeconds(10));
        }
    }

    private static boolean refuses(int port) {
        try (var late = new java.net.Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException refused) {
            return true;
        }
    }

    private String readiness() throws Exception {
        var response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.server().adminPort() + "/readyz")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }

    private void awaitStopped(Duration limit) throws Exception {
        var stopped = Thread.ofVirtual().start(() -> {
            try {
                server.server().awaitStopped();
            } catch (InterruptedException ignored) {
                // the join below times out
            }
        });
        assertThat(stopped.join(limit)).as("the server stopped within " + limit).isTrue();
    }
}
