package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The networking lab of ../shared/seeds, stage by stage, as the server answers it today.
 * docs/lab.md names these tests for each question.
 */
class LabStagesTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    /** I. Bind, listen, a blocking accept; a client that comes before anyone listens is refused. */
    @Test
    void stage1_aClientConnectsToAListeningServerAndIsRefusedWhereNobodyListens() throws IOException {
        int closedPort;
        try (var probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", closedPort), 2_000);
            }
        }).isInstanceOf(ConnectException.class).hasMessageContaining("refused");

        try (Wire wire = Wire.connect(server.port())) {
            assertThat(wire.next()).startsWith("- welcome to causerie");
        }
    }

    /**
     * I.3 A server restarted at once binds its port again, though the connections it closed last are still
     * in TIME_WAIT there (the side that closes first keeps that state for a minute): SO_REUSEADDR.
     */
    @Test
    void stage1_aRestartedServerBindsItsPortAgainAtOnce() throws Exception {
        var config = org.causerie.ServerConfig.builder().bind("127.0.0.1").port(0)
                .store(org.causerie.ServerConfig.MEMORY, java.nio.file.Path.of("target")).build();
        int port;
        try (var first = org.causerie.ChatServer.create(config).start(); Wire wire = Wire.greeted(first.port())) {
            port = first.port();
            wire.send("fin").expect("= bye");
            assertThat(wire.awaitClose()).isEmpty(); // the server closed first: its side is in TIME_WAIT
        }
        try (var again = org.causerie.ChatServer.create(config.toBuilder().port(port).build()).start();
                Wire wire = Wire.greeted(again.port())) {
            assertThat(again.port()).isEqualTo(port);
            wire.send("/ping").expect(line -> line.startsWith("= pong"));
        }
    }

    /** II. The echo loop, until the keyword fin. */
    @Test
    void stage2_echoUntilFin() {
        try (Wire wire = server.connect()) {
            Transcript.play(wire, """
                    > /echo bonjour
                    < = bonjour
                    > /echo encore
                    < = encore
                    > fin
                    < = bye
                    """);
            assertThat(wire.awaitClose()).isEmpty();
        }
    }

    /** III. The server outlives its clients and takes them one after another. */
    @Test
    void stage3_clientsOneAfterAnother() {
        for (int i = 1; i <= 5; i++) {
            try (Wire wire = server.connect()) {
                wire.send("/echo client " + i).expect("= client " + i);
                wire.send("fin");
                wire.awaitClose();
            }
        }
        try (Wire wire = server.connect()) {
            wire.send("/ping").expect("= pong");
        }
    }

    /** III (bis). Clients in parallel, one thread each: 30 at once, each echoed its own lines. */
    @Test
    void stage3_clientsInParallel() throws Exception {
        int clients = 30;
        var start = new CyclicBarrier(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                runs.add(pool.submit(() -> {
                    try (Wire wire = server.connect()) {
                        start.await(30, TimeUnit.SECONDS); // a client that never got here fails the test, not hangs it
                        for (int i = 0; i < 20; i++) {
                            wire.send("/echo " + id + ":" + i);
                        }
                        for (int i = 0; i < 20; i++) {
                            wire.expect("= " + id + ":" + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** IV. A 1:1 conversation: both sides talk, in turn or at once, and leave cleanly with fin. */
    @Test
    void stage4_oneToOneConversation() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.send("/nick alice").expect("* #general: guest-1 is now alice");
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            alice.expect("* #general: guest-2 is now bob");
            Transcript.play(Map.of("alice", alice, "bob", bob), """
                    alice> /msg bob salut
                    bob< @ alice -> bob: salut
                    alice< @ alice -> bob: salut
                    bob> /msg alice ça va ?
                    alice< @ bob -> alice: ça va ?
                    bob< @ bob -> alice: ça va ?
                    """);
            // Both talk at once: each side sees both lines, in the same order (the conversation's).
            alice.send("/msg bob oui");
            bob.send("/msg alice cool");
            List<String> seenByAlice = List.of(alice.next(), alice.next());
            List<String> seenByBob = List.of(bob.next(), bob.next());
            assertThat(seenByAlice).containsExactlyInAnyOrder("@ alice -> bob: oui", "@ bob -> alice: cool");
            assertThat(seenByBob).isEqualTo(seenByAlice);
            Transcript.play(Map.of("alice", alice, "bob", bob), """
                    bob> fin
                    bob< = bye
                    alice< * #general: bob quit (fin)
                    """);
        }
    }

    /** V. The calculator runs no code, and every bad input is an error line, never a crash. */
    @Test
    void stage5_calculatorWithoutEval() {
        try (Wire wire = server.connect()) {
            Transcript.play(wire, """
                    > /calc (1+2)*3
                    < = 9
                    > /calc __import__('os').system('ls')
                    <~ ! bad-expression: .*
                    > /calc System.exit(0)
                    <~ ! bad-expression: .*
                    > /calc 9^9^9^9
                    <~ ! bad-expression: .*
                    > /calc 2*(3+
                    < ! bad-expression: unexpected end of expression
                    > /calc 1/0
                    < ! bad-expression: division by zero
                    > /ping
                    < = pong
                    """);
        }
    }

    /** VI. The /command mini-protocol: the name, then the rest of the line as the command needs it. */
    @Test
    void stage6_commandsAreSplitLikeSplitSpaceOne() {
        try (Wire wire = server.connect()) {
            Transcript.play(wire, """
                    > /ECHO  two  spaces kept
                    < = two  spaces kept
                    > /join #lab
                    < * #lab: guest-1 joined
                    > /topic #lab a topic with spaces
                    < * #lab: guest-1 set the topic: a topic with spaces
                    > no slash: a message
                    < #lab <guest-1> no slash: a message
                    """);
        }
    }

    /** VII. Broadcast: what one client says, every client in the room receives. */
    @Test
    void stage7_broadcastToEveryClient() {
        List<Wire> wires = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                wires.add(server.connect());
            }
            for (Wire wire : wires) {
                wire.send("/ping").expect("= pong");
            }
            wires.get(3).send("à tous");
            for (Wire wire : wires) {
                wire.expect("#general <guest-4> à tous");
            }
        } finally {
            wires.forEach(Wire::close);
        }
    }
}
