package org.causerie.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.causerie.ChatServer;
import org.causerie.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The interactive core against real servers on loopback, its screen a list of lines. */
class ConversationTest {
    private final List<String> screen = new CopyOnWriteArrayList<>();
    private final List<ChatServer> servers = new ArrayList<>();
    private Conversation conversation;

    @AfterEach
    void stop() {
        if (conversation != null) {
            conversation.close();
        }
        servers.forEach(ChatServer::stop);
    }

    private ChatServer server(int port) throws IOException {
        var server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(port).store(ServerConfig.MEMORY, java.nio.file.Path.of("unused")).build()).start();
        servers.add(server);
        return server;
    }

    private Conversation connect(int port, String nick) throws IOException {
        var address = new Address("127.0.0.1", port);
        conversation = new Conversation(address, nick);
        var link = ServerLink.open(address, ServerLink.CONNECT_TIMEOUT);
        // start returns at once: the server is read on a thread of its own (docs/lab.md, IV.2), so the
        // user may type at any moment; bounded, so that a start that reads in place fails, not hangs
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> conversation.start(link, line -> screen.add(line.toString())),
                "Conversation.start did not return while the server stayed connected");
        return conversation;
    }

    /** As {@link #connect(int, String)}, to the first of several hosts, which the client goes on with. */
    private Conversation connect(Hosts hosts, String nick) throws IOException {
        conversation = new Conversation(hosts, null, nick);
        var link = ServerLink.open(hosts.first(), ServerLink.CONNECT_TIMEOUT);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> conversation.start(link, 0, line -> screen.add(line.toString())),
                "Conversation.start did not return while the server stayed connected");
        return conversation;
    }

    /** The lines a fresh connection gets for {@code line} (it sends fin after it), as the server says them. */
    private static List<String> ask(int port, String line) throws IOException {
        try (var probe = ServerLink.open(new Address("127.0.0.1", port), ServerLink.CONNECT_TIMEOUT)) {
            probe.send(line);
            probe.send("fin");
            var lines = new ArrayList<String>();
            for (String got; (got = probe.readLine()) != null; ) {
                lines.add(got);
            }
            return lines;
        }
    }

    @Test
    void showsRenderedLinesAndHidesItsOwnRequests() throws Exception {
        var server = server(0);
        var client = connect(server.port(), "ann");
        await().until(() -> "ann".equals(client.presence().self()));

        client.send("/calc 6*7");
        await().until(() -> screen.contains("= 42"));

        assertThat(screen.getFirst()).startsWith("- welcome to causerie");
        assertThat(screen).anyMatch(line -> line.matches("\\* #general: guest-\\d+ is now ann"));
        assertThat(screen).noneMatch(line -> line.contains("format is now")); // the client's own /format json
        assertThat(screen).noneMatch(line -> line.startsWith("= #general (")); // its /who after the join
    }

    @Test
    void learnsNicknamesAndShowsRawJsonOnRequestWithoutTellingTheServer() throws Exception {
        var server = server(0);
        var client = connect(server.port(), "ann");
        await().until(() -> client.presence().rooms().equals(List.of("#general")));
        ask(server.port(), "/nick bob"); // bob comes and goes
        await().until(() -> screen.contains("* #general: bob quit (fin)"));
        try (var carol = ServerLink.open(new Address("127.0.0.1", server.port()), ServerLink.CONNECT_TIMEOUT)) {
            carol.send("/nick carol");
            await().until(() -> client.nicknames().all().contains("carol"));
            assertThat(client.nicknames().complete("c")).containsExactly("carol"); // while carol is here
        }

        client.send("/format json");
        client.send("/calc 1+1");
        await().until(() -> screen.contains("{\"type\":\"reply\",\"command\":\"calc\",\"text\":\"2\"}"));
        client.send("/format text");
        client.send("/calc 2+2");
        await().until(() -> screen.contains("= 4"));
        assertThat(screen).noneMatch(line -> line.contains("format is now"));
    }

    @Test
    void quitEndsTheConversationWithoutReconnecting() throws Exception {
        var server = server(0);
        var client = connect(server.port(), null);
        client.send("/quit");
        assertThat(client.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(screen).contains("= bye").noneMatch(line -> line.startsWith("connection lost"));
    }

    @Test
    void aLostConnectionGoesOnAtOnceWithTheNextHostAndItsRooms() throws Exception {
        var first = server(0);
        var second = server(0);
        int firstPort = first.port();
        var hosts = new Hosts(List.of(new Address("127.0.0.1", firstPort), new Address("127.0.0.1", second.port())));
        var client = connect(hosts, "ann");
        client.send("/join #lab");
        await().until(() -> client.presence().rooms().equals(List.of("#general", "#lab")));

        first.stop();
        // the second host is tried first, with no pause: the first one's backoff (0.5 s and more) never starts
        await().atMost(Duration.ofSeconds(3)).until(() -> screen.contains("reconnected to 127.0.0.1:" + second.port()));
        await().until(() -> ask(second.port(), "/who #lab").contains("= #lab (1): @ann"));
        assertThat(client.presence().self()).isEqualTo("ann");

        second.stop(); // and from the last host, round to the first again once it is back
        server(firstPort);
        await().atMost(Duration.ofSeconds(20)).until(() -> screen.contains("reconnected to 127.0.0.1:" + firstPort));
        await().until(() -> ask(firstPort, "/who #lab").contains("= #lab (1): @ann"));
    }

    @Test
    void aDrainNoticeSendsItToTheNextHostAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        try (var store = org.causerie.store.jdbc.SqliteStore.open(data)) {
            store.setOperator("root", new org.causerie.auth.Passwords().hash("root-password"));
        }
        var draining = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(ServerConfig.SQLITE, data).build()).start();
        servers.add(draining);
        var next = server(0);
        var hosts = new Hosts(List.of(new Address("127.0.0.1", draining.port()), new Address("127.0.0.1", next.port())));
        var client = connect(hosts, "ann");
        client.send("/join #lab");
        await().until(() -> client.presence().rooms().equals(List.of("#general", "#lab")));

        try (var root = ServerLink.open(hosts.first(), ServerLink.CONNECT_TIMEOUT)) {
            root.send("/login root root-password");
            root.send("/drain 30");
            await().atMost(Duration.ofSeconds(5)).until(() -> screen.contains("reconnected to 127.0.0.1:" + next.port()));
            assertThat(screen).contains("- drain: this server is closing for maintenance; reconnect to another server",
                    "the server is closing: reconnecting to another");
            assertThat(screen).noneMatch(line -> line.startsWith("connection lost"));
            await().until(() -> ask(next.port(), "/who #lab").contains("= #lab (1): @ann"));
            assertThat(draining.sessions()).isEqualTo(1); // root alone: ann left at once
        }
        var stopped = Thread.ofVirtual().start(() -> {
            try {
                draining.awaitStopped();
            } catch (InterruptedException ignored) {
                // the join below fails
            }
        });
        assertThat(stopped.join(Duration.ofSeconds(10))).as("the drained server stopped once root left too").isTrue();
    }

    @Test
    void reconnectsToARestartedServerAndRejoinsItsRooms() throws Exception {
        var first = server(0);
        int port = first.port();
        var client = connect(port, "ann");
        client.send("/join #lab");
        client.send("/join #tea");
        client.send("/part #general");
        await().until(() -> client.presence().rooms().equals(List.of("#lab", "#tea")));

        first.stop();
        await().until(() -> screen.stream().anyMatch(line -> line.startsWith("connection lost: ")
                && line.endsWith("; reconnecting")));
        assertThat(client.connected()).isFalse();
        server(port);

        await().atMost(Duration.ofSeconds(20)).until(() -> screen.contains("reconnected to 127.0.0.1:" + port));
        await().until(() -> ask(port, "/who #tea").contains("= #tea (1): @ann"));
        assertThat(ask(port, "/who #lab")).contains("= #lab (1): @ann");
        assertThat(ask(port, "/who #general")).noneMatch(line -> line.contains("ann"));
        await().until(() -> client.presence().rooms().equals(List.of("#lab", "#tea")));
        assertThat(client.presence().self()).isEqualTo("ann");
        assertThat(screen.stream().filter(line -> line.startsWith("connection lost"))).hasSize(1);
    }

    @Test
    void completesTheCommandsOfTheServersHelp() throws Exception {
        var server = server(0);
        var client = connect(server.port(), null);
        List<String> listed = ask(server.port(), "/help").stream()
                .filter(line -> line.startsWith("= /"))
                .map(line -> line.substring(2).split(" ")[0])
                .toList();
        assertThat(listed).contains("/kick", "/history", "/register", "/mode"); // beyond the old hard-coded 14
        await().until(() -> client.vocabulary().commands().equals(listed));
        assertThat(screen).noneMatch(line -> line.startsWith("= commands")).noneMatch(line -> line.startsWith("= 1 room"));
    }

    /**
     * A reconnection rejoins the rooms the user was still in (not one it was kicked from), and shows each
     * message it missed once, in order, however many (more than the 20 of a join's replay), and none of
     * those it had seen. The server restarts on the same SQLite data, so ids go on.
     */
    @Test
    void reconnectsIntoTheRoomsItWasStillInAndCatchesUpFromTheLastIdSeen(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path data) throws Exception {
        var first = stored(0, data);
        int port = first.port();
        var client = connect(port, "ann");
        client.send("/join #lab");
        await().until(() -> client.presence().rooms().equals(List.of("#general", "#lab")));
        try (var bob = ServerLink.open(new Address("127.0.0.1", port), ServerLink.CONNECT_TIMEOUT)) {
            bob.send("/nick bob");
            bob.send("/join #den");
            bob.send("/join #lab");
            for (int i = 1; i <= 5; i++) {
                bob.send("seen " + i);
            }
            await().until(() -> screen.contains("#lab <bob> seen 5"));
            client.send("/join #den");
            await().until(() -> client.presence().rooms().contains("#den"));
            bob.send("/join #den"); // makes it bob's current room, where /kick acts
            bob.send("/kick ann out");
            await().until(() -> !client.presence().rooms().contains("#den"));
            bob.send("/quit");
        }
        long lastSeen = client.lastSeen("#lab");
        assertThat(lastSeen).isPositive();

        first.stop();
        await().until(() -> screen.stream().anyMatch(line -> line.startsWith("connection lost: ")));
        stored(port, data);
        try (var bob = ServerLink.open(new Address("127.0.0.1", port), ServerLink.CONNECT_TIMEOUT)) {
            bob.send("/nick bob");
            bob.send("/join #lab");
            for (int i = 1; i <= 30; i++) {
                bob.send("missed " + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> shownOf("missed 30") == 1);
        }
        for (int i = 1; i <= 30; i++) {
            assertThat(shownOf("missed " + i)).as("missed %d", i).isEqualTo(1);
        }
        for (int i = 1; i <= 5; i++) {
            assertThat(shownOf("seen " + i)).as("seen %d", i).isEqualTo(1);
        }
        List<Integer> order = screen.stream().filter(line -> line.contains("> missed "))
                .map(line -> Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1))).toList();
        assertThat(order).isSorted();
        await().until(() -> client.presence().rooms().equals(List.of("#general", "#lab")));
        assertThat(ask(port, "/who #lab")).anyMatch(line -> line.startsWith("= #lab (") && line.contains("ann"));
        assertThat(ask(port, "/who #den")).noneMatch(line -> line.contains("ann"));
    }

    /** A logged-in user is logged in again after a reconnection, by a session token, not a kept password. */
    @Test
    void resumesTheLoginAfterAReconnectionWithASessionToken(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path data) throws Exception {
        var first = stored(0, data);
        int port = first.port();
        var client = connect(port, "ann");
        await().until(() -> "ann".equals(client.presence().self()));
        client.send("/register pw-secret-1");
        await().until(() -> screen.contains("= registered ann; you are logged in"));
        await().until(() -> client.loggedIn());

        first.stop();
        await().until(() -> screen.stream().anyMatch(line -> line.startsWith("connection lost: ")));
        stored(port, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> screen.contains("= you are logged in as ann"));
        assertThat(client.presence().self()).isEqualTo("ann");
        assertThat(screen).noneMatch(line -> line.startsWith("= token ")).noneMatch(line -> line.startsWith("! "));
        assertThat(ask(port, "/who #general")).anyMatch(line -> line.contains("ann"));
    }

    private long shownOf(String text) {
        return screen.stream().filter(line -> line.endsWith("> " + text)).count();
    }

    private ChatServer stored(int port, java.nio.file.Path data) throws IOException {
        var server = ChatServer.create(ServerConfig.builder().bind("127.0.0.1").port(port)
                .store(ServerConfig.SQLITE, data).build()).start();
        servers.add(server);
        return server;
    }
}
