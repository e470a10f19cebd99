package org.causerie.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.causerie.ChatServer;
import org.causerie.ServerConfig;
import org.causerie.event.Event;
import org.causerie.protocol.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipe mode against a real server on loopback, with the input and output in memory. */
class PipeSessionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private ChatServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0).store(ServerConfig.MEMORY, java.nio.file.Path.of("unused")).build()).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ClientOptions options() {
        return ClientOptions.of(new Address("127.0.0.1", server.port()));
    }

    private int run(ClientOptions options, String input) {
        return assertTimeoutPreemptively(DEADLINE, () -> Client.run(options, false,
                new ByteArrayInputStream(input.getBytes(UTF_8)), out, new PrintStream(err, true, UTF_8)));
    }

    private List<String> lines() {
        return out.toString(UTF_8).lines().toList();
    }

    @Test
    void printsTheServersLinesAndEndsWhenTheServerCloses() {
        int status = run(options(), "/calc 6*7\nfin\n");

        assertThat(status).isZero();
        List<String> lines = lines();
        assertThat(lines.get(0)).startsWith("- welcome to causerie").contains("you are guest-");
        // First contact: the first line (/calc) runs, then the session is seated in #general.
        assertThat(lines.subList(1, 3)).satisfiesExactly(
                line -> assertThat(line).isEqualTo("= 42"),
                line -> assertThat(line).matches("\\* #general: guest-\\d+ joined"));
        assertThat(out.toString(UTF_8)).endsWith("\n");
        assertThat(err.size()).isZero();
    }

    @Test
    void atTheEndOfInputItWaitsForTheServerToFallQuiet() {
        var options = new ClientOptions(options().address(), null, false, false, Duration.ofMillis(300), null);

        int status = run(options, "/ping\n/echo ça va\n");

        assertThat(status).isZero();
        assertThat(lines()).contains("= pong", "= ça va");
    }

    @Test
    void askedForJsonItPrintsOnlyJsonAndHidesTheFormatAnswer() {
        int status = run(options().withJson(true).withNick("ann"), "/calc 6*7\nfin\n");

        assertThat(status).isZero();
        List<Event> events = lines().stream().map(JsonCodec::parse).toList(); // throws on a text line
        assertThat(events.getFirst()).isInstanceOf(Event.Welcome.class);
        assertThat(events).contains(new Event.Reply("calc", "42"), new Event.Reply("quit", "bye"));
        assertThat(events).anyMatch(e -> e instanceof Event.NickChanged n && n.newNick().equals("ann"));
        assertThat(events).noneMatch(e -> e instanceof Event.Reply r && r.command().equals("format"));
    }

    @Test
    void aNicknameIsAskedForBeforeTheInput() {
        int status = run(options().withNick("zoe"), "hello\nfin\n");

        assertThat(status).isZero();
        // The nickname is the first line, so the session is seated under it.
        assertThat(lines()).contains("* you are now zoe", "* #general: zoe joined", "#general <zoe> hello");
    }
    /**
     * In JSON, every event comes out as the server sent it: the join and the replay too (the client's
     * first line is /format json, executed before the session is seated), not as notices around text.
     */
    @Test
    void askedForJsonItPassesTheReplayThroughUnchanged() throws Exception {
        try (var earlier = ServerLink.open(new Address("127.0.0.1", server.port()), ServerLink.CONNECT_TIMEOUT)) {
            earlier.send("said before");
            earlier.send("fin");
            while (earlier.readLine() != null) {
                // until the server closes: the message is stored and delivered by then
            }
        }
        int status = run(options().withJson(true), "/ping\nfin\n");

        assertThat(status).isZero();
        List<String> lines = lines();
        assertThat(JsonCodec.parse(lines.getFirst())).isInstanceOf(Event.Welcome.class);
        assertThat(lines.get(1)).matches("\\{\"type\":\"join\",\"room\":\"#general\",\"nick\":\"guest-\\d+\"}");
        assertThat(lines.get(2)).matches("\\{\"type\":\"message\",\"id\":1,\"ts\":\"[^\"]+\",\"room\":\"#general\","
                + "\"from\":\"guest-\\d+\",\"text\":\"said before\",\"history\":true}");
        assertThat(lines).noneMatch(line -> line.contains("\"type\":\"notice\""));
    }
}
