package org.causerie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.DriverManager;
import org.causerie.store.Entry;
import org.causerie.store.Page;
import org.causerie.store.Store;
import org.causerie.store.jdbc.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the server is given, it keeps: a restart, and a process killed with SIGKILL, lose nothing that
 * any client has received; rooms of registered users come back with their topic; private messages
 * to an absent user wait for their next login.
 */
class DurabilityTest {
    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    void aPersonFindsTheConversationAfterARestart() {
        try (Wire alice = server.connect(); Wire bob = server.connect()) {
            alice.send("/nick alice").expect("* #general: guest-1 is now alice");
            alice.send("/register sesame-open").expect("= registered alice; you are logged in");
            alice.send("/join #book-club").expect("* #book-club: alice joined");
            alice.send("/topic #book-club Dune, chapter 3").expect("* #book-club: alice set the topic: Dune, chapter 3");
            alice.send("see you after the restart").expect("#book-club <alice> see you after the restart");
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            bob.send("/msg alice psst").expect("@ bob -> alice: psst");
            alice.expect("@ bob -> alice: psst");
        }
        server.restart();
        try (Wire alice = server.connect()) {
            Transcript.play(alice, """
                    > /rooms
                    < = 2 rooms
                    < = #book-club (0 members): Dune, chapter 3
                    < = #general (1 member)
                    > /login alice sesame-open
                    < * #general: guest-1 is now alice
                    < = you are logged in as alice
                    > /join #book-club
                    < * #book-club: alice joined
                    < * #book-club: the topic is: Dune, chapter 3
                    <~ #book-club \\[[0-9 :-]+\\] <alice> see you after the restart
                    > /history #book-club
                    <~ #book-club \\[[0-9 :-]+\\] <alice> see you after the restart
                    < = 1 message of #book-club (1-1)
                    > next chapter
                    < #book-club <alice> next chapter
                    """);
        }
    }

    @Test
    void privateMessagesToAnAbsentUserWaitForTheirLogin() {
        try (Wire alice = server.connect()) {
            alice.send("/nick alice").expect("* #general: guest-1 is now alice");
            alice.send("/register sesame-open").expect("= registered alice; you are logged in");
        }
        await().atMost(Wire.TIMEOUT).until(() -> server.server().sessions() == 0); // alice is gone
        try (Wire bob = server.connect()) {
            bob.send("/nick bob").expect("* #general: guest-2 is now bob");
            bob.send("/msg alice first").expect("@ bob -> alice: first");
            bob.expect("= alice is not connected: the message is stored and will be delivered at their next login");
            bob.send("/msg alice second").expect("@ bob -> alice: second");
            bob.expect("= alice is not connected: the message is stored and will be delivered at their next login");
            bob.send("/msg nobody hello").expect("! no-such-nick: nobody is called nobody");
        }
        server.restart(); // kept across a restart too
        try (Wire phone = server.json(); Wire laptop = server.json()) {
            phone.send("/login alice sesame-open");
            assertThat(phone.expectJson("reply").get("text").asText()).isEqualTo("you are logged in as alice");
            for (String text : List.of("first", "second")) {
                JsonNode missed = phone.nextJson();
                assertThat(missed.get("type").asText()).isEqualTo("private");
                assertThat(missed.get("text").asText()).isEqualTo(text);
                assertThat(missed.get("from").asText()).isEqualTo("bob");
                assertThat(missed.get("missed").asBoolean()).isTrue();
            }
            assertThat(phone.nextJson().get("text").asText()).isEqualTo("2 private messages came while you were away");
            // Delivered once: a second connection of the account does not get them again.
            laptop.send("/login alice sesame-open");
            assertThat(laptop.expectJson("reply").get("text").asText()).isEqualTo("you are logged in as alice");
            laptop.send("/ping");
            assertThat(laptop.nextJson().get("text").asText()).isEqualTo("pong");
            phone.send("/history bob"); // bob was a guest and is gone: his conversation has no name to ask by
            assertThat(phone.expectJson("error").get("code").asText()).isEqualTo("no-such-nick");
        }
    }

    /**
     * A SIGKILL while messages flow: bob has read some, alice has sent more. Every message bob received
     * before the process died must be in the store.
     */
    @Test
    void aKilledServerLosesNothingAnyClientReceived() throws Exception {
        server.stop();
        var child = ServerProcess.start(server.dataDir());
        Map<Long, String> received = new LinkedHashMap<>();
        try (Wire alice = Wire.joinJson(child.port(), "alice"); Wire bob = Wire.joinJson(child.port(), "bob")) {
            for (int i = 0; i < 2_000; i++) {
                alice.send("line " + i);
            }
            while (received.size() < 300) {
                JsonNode message = bob.expectJson("message");
                received.put(message.get("id").asLong(), message.get("text").asText());
            }
            assertThat(received).as("killed while messages were still on their way").hasSizeLessThan(2_000);
            kill(child, bob, received);
        } finally {
            child.process().destroyForcibly();
        }
        assertThat(stored()).as("every message a client received was stored").containsAllEntriesOf(received);
    }

    /**
     * The same, with the kill at the worst moment, made certain: another process holds SQLite's write
     * lock, so the server's commit of alice's next messages cannot complete; the server is killed while it
     * waits. Nothing committed means nothing delivered: bob must have received none of them.
     */
    @Test
    void aServerKilledInTheMiddleOfACommitHasDeliveredNoneOfIt() throws Exception {
        server.stop();
        var child = ServerProcess.start(server.dataDir());
        Map<Long, String> received = new LinkedHashMap<>();
        try (Wire alice = Wire.joinJson(child.port(), "alice"); Wire bob = Wire.joinJson(child.port(), "bob");
                Connection lock = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve(SqliteStore.FILE))) {
            alice.send("before the lock");
            received.put(bob.expectJson("message").get("id").asLong(), "before the lock");
            lock.createStatement().execute("BEGIN IMMEDIATE"); // the write lock: the server's commits wait
            for (int i = 0; i < 50; i++) {
                alice.send("held " + i);
            }
            alice.send("/ping");
            alice.expect(line -> line.contains("\"text\":\"pong\"")); // all 50 are in the journal now
            kill(child, bob, received);
            lock.createStatement().execute("ROLLBACK");
        } finally {
            child.process().destroyForcibly();
        }
        assertThat(received.values()).as("delivered while its commit waited").containsExactly("before the lock");
        assertThat(stored()).containsAllEntriesOf(received);
    }

    /** SIGKILL (no shutdown hook, no flush), then everything bob had received before the socket ended. */
    private static void kill(ServerProcess child, Wire bob, Map<Long, String> received) throws InterruptedException {
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (String line : bob.awaitEnd()) {
            if (line.contains("\"type\":\"message\"")) {
                JsonNode message = Wire.json(line);
                received.put(message.get("id").asLong(), message.get("text").asText());
            }
        }
    }

    /** What the store kept of #general, read from the file the killed server left. */
    private Map<Long, String> stored() {
        Map<Long, String> kept = new LinkedHashMap<>();
        try (Store store = SqliteStore.open(server.dataDir())) {
            long after = 0;
            for (Page<Entry.RoomMessage> page; !(page = store.roomAfter("#general", after, 1000)).messages().isEmpty(); ) {
                for (Entry.RoomMessage message : page.messages()) {
                    kept.put(message.id(), message.text());
                    after = message.id();
                }
            }
        }
        return kept;
    }
}
