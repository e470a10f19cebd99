package org.causerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.causerie.ChatServer;
import org.causerie.Wire;
import org.causerie.bus.Note;
import org.causerie.store.Entry;
import org.causerie.store.jdbc.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room's operator on one node moderates members of another node, and every node enforces what was
 * decided: modes, voice, bans, kicks, invitations, operator rights, a close. Nodes in this JVM, the
 * machine's NATS and PostgreSQL.
 */
class ModerationAcrossNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void anOperatorOnOneNodeModeratesAMemberOfAnother() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob")) {
            alice.send("/join #den").expect("* #den: alice joined");
            bob.send("/join #den").expect("* #den: bob joined");
            alice.expect("* #den: bob joined");
            // bob is known on node one once node two wrote him as a member of #den
            awaitWho(alice, "#den", "= #den (2): @alice bob");

            alice.send("/mode +m").expect("* #den: alice sets +m");
            bob.expect("* #den: alice sets +m");
            assertThat(bob.ask("hello?"))
                    .isEqualTo("! moderated: #den is moderated: only operators and voiced members speak");
            alice.send("/voice bob").expect("* #den: alice sets +v bob");
            bob.expect("* #den: alice sets +v bob");
            bob.send("hello!").expect("#den <bob> hello!");
            alice.expect("#den <bob> hello!");
            alice.send("/mode -m").expect("* #den: alice sets -m");
            bob.expect("* #den: alice sets -m");

            alice.send("/ban bob").expect("* #den: alice sets +b bob");
            bob.expect("* #den: alice sets +b bob");
            assertThat(bob.ask("still here"))
                    .isEqualTo("! banned: you are banned from #den (bob): you cannot speak there");
            alice.send("/kick bob out");
            alice.expect("* #den: alice kicked bob (out)");
            bob.expect("* #den: alice kicked bob (out)");
            assertThat(bob.ask("/join #den")).isEqualTo("! banned: you are banned from #den (bob)");
            alice.send("/unban bob").expect("* #den: alice sets -b bob");
            alice.send("/mode +i").expect("* #den: alice sets +i");
            assertThat(bob.ask("/join #den")).isEqualTo("! invite-only: #den is invite-only: ask an operator for /invite");

            assertThat(alice.ask("/invite bob")).isEqualTo("= bob is invited to #den");
            bob.expect("- alice invites you to #den: /join #den");
            bob.send("/join #den").expect("* #den: bob joined");
            alice.expect("* #den: bob joined");
            awaitWho(alice, "#den", "= #den (2): @alice +bob"); // his voice stayed with him

            alice.send("/op bob").expect("* #den: alice sets +o bob");
            bob.expect("* #den: alice sets +o bob");
            bob.send("/kick alice your turn");
            bob.expect("* #den: bob kicked alice (your turn)");
            alice.expect("* #den: bob kicked alice (your turn)");
        }
    }

    @Test
    void aServerOperatorClosesARoomOnEveryNode() {
        try (var store = cluster.store()) {
            store.setOperator("root", new org.causerie.auth.Passwords().hash("root-password"));
        }
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire root = Wire.join(one.port(), "someone"); Wire bob = Wire.join(two.port(), "bob")) {
            root.send("/login root root-password").expect(line -> line.startsWith("= you are logged in as root"));
            bob.send("/join #attic").expect("* #attic: bob joined");
            awaitWho(root, "#attic", "= #attic (1): bob"); // open on node two only
            root.send("/close #attic enough");
            bob.expect("* #attic: root kicked bob (enough)");
            awaitWho(root, "#attic", "! no-such-room: there is no room #attic");
        }
    }

    @Test
    void aLastingRoomsBanOutlastsARestartOfEveryNodeOnPostgres() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice")) {
            alice.send("/register alice-password").expect("= registered alice; you are logged in");
            alice.send("/join #den").expect("* #den: alice joined"); // an account's room lasts
            alice.send("/ban troll*").expect("* #den: alice sets +b troll*");
            alice.send("/mode +k sesame").expect("* #den: alice sets +k");
        }
        cluster.stop(one);
        cluster.stop(two);
        ChatServer three = cluster.start("three");
        try (Wire troll = Wire.join(three.port(), "trollface")) {
            assertThat(troll.ask("/join #den sesame")).isEqualTo("! banned: you are banned from #den (troll*)");
            assertThat(troll.ask("/mode #den")).isEqualTo("= #den +k");
        }
    }

    /**
     * Mode changes and a kick that node one committed and the bus lost (the test commits them behind the
     * nodes' backs, as a node that died before publishing leaves them): the next message shows a hole, each
     * node reads them back from the store and carries them out in their place, before the message. On node
     * two the kicked member is shown its kick and put out, and the modes hold there: +m silences a member
     * until a lost +v, and a lost ban refuses a join.
     */
    @Test
    void aModeChangeAndAKickLostOnTheBusAreCarriedOutOnEveryNodeInTheirPlace() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob");
                Wire carol = Wire.join(two.port(), "carol"); PostgresStore store = cluster.store()) {
            alice.send("/join #den").expect("* #den: alice joined");
            bob.send("/join #den").expect("* #den: bob joined");
            carol.send("/join #den").expect("* #den: carol joined");
            awaitWho(alice, "#den", "= #den (3): @alice bob carol");
            String bobs = identity(store, "bob");
            String carols = identity(store, "carol");

            lost(store, Note.Kind.MODE, "", "+m", "");
            lost(store, Note.Kind.KICKED, "bob", "out", bobs);
            alice.send("after the kick");
            var inDen = (java.util.function.Predicate<String>) line -> line.startsWith("* #den: alice sets ")
                    || line.startsWith("* #den: alice kicked ") || line.startsWith("#den <");
            for (Wire wire : List.of(alice, carol)) {
                assertThat(List.of(wire.expect(inDen), wire.expect(inDen), wire.expect(inDen))).as("in the room's order")
                        .containsExactly("* #den: alice sets +m", "* #den: alice kicked bob (out)", "#den <alice> after the kick");
            }
            assertThat(List.of(bob.expect(inDen), bob.expect(inDen))).as("the kicked member is shown its kick, then nothing")
                    .containsExactly("* #den: alice sets +m", "* #den: alice kicked bob (out)");
            awaitWho(alice, "#den", "= #den (2): @alice carol"); // node two took bob out, and its row
            assertThat(carol.ask("may I?")).as("+m holds on node two")
                    .isEqualTo("! moderated: #den is moderated: only operators and voiced members speak");

            lost(store, Note.Kind.MODE, "", "+v carol", carols);
            lost(store, Note.Kind.MODE, "", "+b troll*", "troll*");
            alice.send("after the ban");
            assertThat(List.of(carol.expect(inDen), carol.expect(inDen), carol.expect(inDen))).as("in the room's order")
                    .containsExactly("* #den: alice sets +v carol", "* #den: alice sets +b troll*",
                            "#den <alice> after the ban");
            carol.send("now I may").expect("#den <carol> now I may");
            try (Wire troll = Wire.join(two.port(), "trollface")) {
                assertThat(troll.ask("/join #den")).as("the lost ban holds on node two")
                        .isEqualTo("! banned: you are banned from #den (troll*)");
            }
        }
    }

    /**
     * A rolling upgrade: a node of the release before (notes of version 2) sends a change of moderation as
     * a {@code MODES} order, which this release applies; a version 3 node's {@code MODES} order is only for
     * version 2 nodes, and is skipped here (its placed {@code MODE} event carries the change out). The
     * older node is played by a raw NATS connection writing notes with their version patched.
     */
    @Test
    void aVersionTwoNodesModesOrderIsAppliedAndAVersionThreeNodesIsSkipped() throws Exception {
        ChatServer one = cluster.start("one");
        try (Wire alice = Wire.join(one.port(), "alice"); PostgresStore store = cluster.store();
                io.nats.client.Connection older = io.nats.client.Nats.connect(Cluster.NATS)) {
            alice.send("/join #den").expect("* #den: alice joined");
            assertThat(alice.ask("/mode #den")).isEqualTo("= #den none");
            String subject = "causerie." + store.clusterId();
            older.publish(subject, order(3, "+i")); // skipped: a version 3 node's MODE event would carry it
            older.publish(subject, order(2, "+m")); // applied: a version 2 node has no other way
            String[] last = {""};
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                        .until(() -> !(last[0] = alice.ask("/mode #den")).equals("= #den none"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the version 2 order was not applied: /mode #den answered " + last[0], e);
            }
            assertThat(last[0]).isEqualTo("= #den +m");
        }
    }

    /** A MODES order of an operator of node old-node for #den, as a node writing notes of {@code version} sends it. */
    private static byte[] order(int version, String change) {
        return order(version, Note.Kind.MODES, "", "", change);
    }

    /** An order of olga, an operator of node old-node, for #den, as a node writing notes of {@code version} sends it. */
    private static byte[] order(int version, Note.Kind kind, String target, String identity, String text) {
        byte[] bytes = org.causerie.bus.NoteCodec.encode(new Note(Note.VERSION, "old-node", kind, "#den", 0,
                System.currentTimeMillis(), "olga", identity, target, text, false, ""));
        bytes[0] = (byte) (version >> 8); // the version is written first, on two bytes; the fields are alike
        bytes[1] = (byte) version;
        return bytes;
    }

    /**
     * A rolling upgrade from version 3: its invitation ({@code MODES +I}) and close ({@code CLOSE}) are orders,
     * which this release carries out; a version 4 node's orders of those are for version 3 nodes only, and are
     * skipped here (its placed {@code INVITED} and {@code CLOSED} events carry them out). A version 2 node's
     * {@code +m} marks that the orders sent before it were read.
     */
    @Test
    void aVersionThreeNodesInvitationAndCloseAreCarriedOutAndAVersionFourNodesSkipped() throws Exception {
        ChatServer one = cluster.start("one");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(one.port(), "bob");
                PostgresStore store = cluster.store();
                io.nats.client.Connection older = io.nats.client.Nats.connect(Cluster.NATS)) {
            alice.send("/join #den").expect("* #den: alice joined");
            alice.send("/mode +i").expect("* #den: alice sets +i");
            String bobs = store.holderElsewhere("bob", "nobody").orElseThrow().identity();
            String subject = "causerie." + store.clusterId();
            older.publish(subject, order(4, Note.Kind.MODES, "bob", bobs, "+I")); // skipped
            older.publish(subject, order(4, Note.Kind.CLOSE, "", "", "too early")); // skipped
            older.publish(subject, order(2, "+m")); // applied: the two before were read by then
            String[] last = {""};
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                        .until(() -> (last[0] = alice.ask("/mode #den")).equals("= #den +im"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the version 2 order was not applied: /mode #den answered " + last[0], e);
            }
            assertThat(bob.ask("/join #den")).as("the version 4 invitation was skipped, the room not closed")
                    .isEqualTo("! invite-only: #den is invite-only: ask an operator for /invite");

            older.publish(subject, order(3, Note.Kind.MODES, "bob", bobs, "+I"));
            bob.expect("- olga invites you to #den: /join #den");
            bob.send("/join #den").expect("* #den: bob joined");
            alice.expect("* #den: bob joined");
            older.publish(subject, order(3, Note.Kind.CLOSE, "", "", "enough"));
            alice.expect("* #den: olga kicked alice (enough)");
            bob.expect("* #den: olga kicked bob (enough)");
            awaitWho(alice, "#den", "! no-such-room: there is no room #den");
        }
    }

    /**
     * An invitation that node one committed and the bus lost (committed behind the nodes' backs): node two,
     * where the room is open (carol is in), reads it back before the next message, lets the invited guest in
     * and tells him, there, in its place.
     */
    @Test
    void anInvitationLostOnTheBusStillLetsTheInvitedUserIntoTheRoomOnTheOtherNode() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob");
                Wire carol = Wire.join(two.port(), "carol"); PostgresStore store = cluster.store()) {
            alice.send("/join #den").expect("* #den: alice joined");
            carol.send("/join #den").expect("* #den: carol joined");
            awaitWho(alice, "#den", "= #den (2): @alice carol");
            alice.send("/mode +i").expect("* #den: alice sets +i");
            carol.expect("* #den: alice sets +i");
            assertThat(bob.ask("/join #den")).isEqualTo("! invite-only: #den is invite-only: ask an operator for /invite");
            String bobs = store.holderElsewhere("bob", "one").orElseThrow().identity();

            lost(store, "#den", Note.Kind.INVITED, "alice", "bob", "", bobs);
            alice.send("after the invitation");
            carol.expect("#den <alice> after the invitation"); // node two placed the invitation before it
            bob.expect("- alice invites you to #den: /join #den");
            bob.send("/join #den").expect("* #den: bob joined");
            carol.expect("* #den: bob joined");
            alice.expect("* #den: bob joined");
        }
    }

    /**
     * A server operator's close that node one committed and the bus lost: nothing follows a close, so each
     * node reads it back at its periodic check, puts its members out (each shown its kick) and closes the room.
     */
    @Test
    void aCloseLostOnTheBusStillClosesTheRoomOnEveryNode() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob");
                PostgresStore store = cluster.store()) {
            alice.send("/join #attic").expect("* #attic: alice joined");
            bob.send("/join #attic").expect("* #attic: bob joined");
            awaitWho(alice, "#attic", "= #attic (2): @alice bob");

            lost(store, "#attic", Note.Kind.CLOSED, "root", "", "enough", "");
            alice.expect("* #attic: root kicked alice (enough)");
            bob.expect("* #attic: root kicked bob (enough)");
            for (Wire wire : List.of(alice, bob)) {
                awaitWho(wire, "#attic", "! no-such-room: there is no room #attic");
            }
        }
    }

    /**
     * Two operators on two nodes set and clear +m at the same time, 20 times each: every node ends with
     * the modes the room's sequence says (the last +m or -m in the store), though each applied its own
     * changes at once, before their places were known.
     */
    @Test
    void racingModeChangesOnTwoNodesEndAsTheRoomsSequenceSaysOnBoth() throws Exception {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob");
                PostgresStore store = cluster.store()) {
            alice.send("/join #den").expect("* #den: alice joined");
            bob.send("/join #den").expect("* #den: bob joined");
            awaitWho(alice, "#den", "= #den (2): @alice bob");
            alice.send("/op bob").expect("* #den: alice sets +o bob");
            bob.expect("* #den: alice sets +o bob");
            var racers = new java.util.ArrayList<Thread>();
            for (Wire wire : List.of(alice, bob)) {
                boolean first = wire == alice;
                racers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 20; i++) {
                        wire.send((i % 2 == 0) == first ? "/mode +m" : "/mode -m");
                    }
                    wire.send(first ? "done a" : "done b");
                }));
            }
            for (Thread racer : racers) {
                racer.join();
            }
            for (Wire wire : List.of(alice, bob)) { // each node has placed everything before the later marker
                wire.expect(line -> line.equals("#den <alice> done a") || line.equals("#den <bob> done b"));
                wire.expect(line -> line.equals("#den <alice> done a") || line.equals("#den <bob> done b"));
            }
            String last = store.roomSince("#den", 0, 1_000).stream()
                    .filter(e -> e instanceof Entry.RoomEvent m && m.kind() == Note.Kind.MODE.code
                            && m.text().endsWith("m"))
                    .map(e -> ((Entry.RoomEvent) e).text()).reduce((a, b) -> b).orElseThrow();
            String expected = last.equals("+m") ? "= #den +m" : "= #den none";
            assertThat(alice.ask("/mode #den")).as("node one, the sequence's last being " + last).isEqualTo(expected);
            assertThat(bob.ask("/mode #den")).as("node two, the sequence's last being " + last).isEqualTo(expected);
        }
    }

    /**
     * A node that opens a room open on another node reads the room's stored state, which its last writer
     * may have written before a change it showed (here: never, the change committed behind the nodes'
     * backs): it applies the room's mode changes up to its place over that state, so +m holds there too.
     */
    @Test
    void aNodeOpeningARoomOpenElsewhereAppliesTheModeChangesItsStoredStateLacks() {
        ChatServer one = cluster.start("one");
        ChatServer two = cluster.start("two");
        try (Wire alice = Wire.join(one.port(), "alice"); Wire bob = Wire.join(two.port(), "bob");
                PostgresStore store = cluster.store()) {
            alice.send("/join #den").expect("* #den: alice joined");
            awaitWho(bob, "#den", "= #den (1): alice"); // open on node one only
            lost(store, Note.Kind.MODE, "", "+m", "");
            alice.send("after").expect("* #den: alice sets +m");
            bob.send("/join #den").expect("* #den: bob joined");
            assertThat(bob.ask("may I?")).as("+m holds on the node that opened the room after it")
                    .isEqualTo("! moderated: #den is moderated: only operators and voiced members speak");
        }
    }

    /** The identity of {@code nick}, a member of #den on node two, as node two wrote it. */
    private static String identity(PostgresStore store, String nick) {
        return store.membersElsewhere("#den", "one", Cluster.LEASE).stream().filter(m -> m.nick().equals(nick))
                .findFirst().orElseThrow().identity();
    }

    /** A room event of alice's in #den that node one committed and never published (it died, or the bus lost it). */
    private static void lost(PostgresStore store, Note.Kind kind, String target, String text, String about) {
        lost(store, "#den", kind, "alice", target, text, about);
    }

    /** A room event of {@code nick}'s in {@code room} that node one committed and never published. */
    private static void lost(PostgresStore store, String room, Note.Kind kind, String nick, String target, String text,
            String about) {
        store.appendCounted(List.of(new Entry.RoomEvent(room, 0, Instant.now(), kind.code, nick, target, text, false,
                "one", about)));
    }

    /** Asks {@code /who ROOM} until the answer is {@code expected} (members of other nodes are written there asynchronously). */
    static void awaitWho(Wire wire, String room, String expected) {
        String[] last = {""};
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> (last[0] = wire.ask("/who " + room)).equals(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("/who " + room + " answered " + last[0] + ", not " + expected, e);
        }
    }
}
