package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.causerie.store.Fixtures.race;
import static org.causerie.store.Fixtures.roomMessages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.causerie.store.Entry.Offline;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.Entry.RoomMessage;
import org.junit.jupiter.api.Test;

/**
 * The contract of numbering by the store ({@link Store#appendCounted}), which a cluster relies on: ids
 * follow the stored ones, without a hole or a duplicate even when many writers race, and an offline mark
 * takes its message's id. Run through {@link StoreContract}.
 */
interface CountedContract {

    Store store();

    private static RoomMessage unnumbered(String room, String text) {
        return new RoomMessage(room, 0, Instant.parse("2026-01-01T00:00:00Z"), "alice", text, false);
    }

    @Test
    default void storeNumberingFollowsTheStoredIdsAndNumbersAnOfflineMarkWithItsMessage() {
        Store store = store();
        store.append(new ArrayList<>(roomMessages("#dev", 1, 3)));
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        String conversation = Store.conversation("alice", "bob");
        List<Entry> written = store.appendCounted(List.of(unnumbered("#Dev", "four"), unnumbered("#other", "one"),
                new PrivateMessage(conversation, 0, Instant.parse("2026-01-01T00:00:00Z"), "alice", "bob", "hi"),
                new Offline(bob, conversation, 0), unnumbered("#dev", "five")));
        assertThat(written).extracting(entry -> switch (entry) {
            case RoomMessage m -> m.room() + " " + m.id();
            case PrivateMessage p -> "p " + p.id();
            case Offline o -> "o " + o.id();
            case Entry.RoomEvent e -> "e " + e.seq();
        }).containsExactly("#Dev 4", "#other 1", "p 1", "o 1", "#dev 5");
        assertThat(store.lastRoomId("#dev")).isEqualTo(5);
        assertThat(store.takeOffline(bob)).extracting(PrivateMessage::text).containsExactly("hi");
    }

    @Test
    default void racingWritersGetGaplessIds() throws Exception {
        Store store = store();
        List<List<Entry>> results = race(8, writer -> {
            var all = new ArrayList<Entry>();
            for (int i = 0; i < 25; i++) {
                all.addAll(store.appendCounted(List.of(unnumbered("#race", "w" + writer + " " + i))));
            }
            return all;
        });
        List<Long> ids = results.stream().flatMap(List::stream).map(entry -> ((RoomMessage) entry).id()).sorted().toList();
        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        assertThat(ids.getFirst()).isEqualTo(1);
        assertThat(ids.getLast()).isEqualTo(200);
        assertThat(store.roomAfter("#race", 0, 500).messages()).hasSize(200);
    }

    private static Entry.RoomEvent event(String room, String nick) {
        return new Entry.RoomEvent(room, 0, Instant.parse("2026-01-01T00:00:00Z"), 3, nick, "", "", true, "node-a");
    }

    @Test
    default void aRoomsMessagesAndEventsTakeGaplessPlacesWhileMessagesKeepTheirIds() {
        Store store = store();
        List<Entry> written = store.appendCounted(List.of(event("#seq", "ann"), unnumbered("#seq", "one"),
                event("#other", "bob"), unnumbered("#Seq", "two"), event("#seq", "cid")));
        assertThat(written).extracting(entry -> switch (entry) {
            case RoomMessage m -> "m" + m.id() + "@" + m.seq();
            case Entry.RoomEvent e -> e.nick() + "@" + e.seq();
            default -> "?";
        }).containsExactly("ann@1", "m1@2", "bob@1", "m2@3", "cid@4");
        assertThat(store.lastRoomSeq("#SEQ")).isEqualTo(4);
        assertThat(store.lastRoomId("#seq")).isEqualTo(2);
        assertThat(store.roomSince("#seq", 1, 10)).extracting(entry -> switch (entry) {
            case RoomMessage m -> m.text() + "@" + m.seq();
            case Entry.RoomEvent e -> e.nick() + "@" + e.seq() + " " + e.kind() + " " + e.node();
            default -> "?";
        }).containsExactly("one@2", "two@3", "cid@4 3 node-a");
        assertThat(store.roomSince("#seq", 0, 2)).hasSize(2);
        assertThat(store.roomAfter("#seq", 0, 10).messages()).extracting(RoomMessage::text).containsExactly("one", "two");
    }

    /**
     * What a node needs to carry a room event out (a mode change's argument, a kicked member's identity)
     * is read back with it, so that a node that missed it on the bus applies it, not only shows it.
     */
    @Test
    default void aRoomEventsEffectIsReadBackWithIt() {
        Store store = store();
        Instant ts = Instant.parse("2026-01-01T00:00:00Z");
        store.appendCounted(List.of(
                new Entry.RoomEvent("#fx", 0, ts, 8, "alice", "", "+o bob", false, "node-a", "a42"),
                new Entry.RoomEvent("#fx", 0, ts, 6, "alice", "bob", "out", false, "node-a", "gbob.7"),
                event("#fx", "cid")));
        assertThat(store.roomSince("#fx", 0, 10)).extracting(entry -> ((Entry.RoomEvent) entry).about())
                .containsExactly("a42", "gbob.7", "");
    }

    /** A room's topic as its last topic change up to a place left it: what a node opening it shows. */
    @Test
    default void aRoomsTopicIsItsLastTopicChangeUpToAPlace() {
        Store store = store();
        Instant ts = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(store.roomTopicAt("#top", 100)).isNull();
        store.appendCounted(List.of(
                new Entry.RoomEvent("#top", 0, ts, 7, "alice", "", "first", false, "node-a"),
                event("#top", "bob"),
                new Entry.RoomEvent("#top", 0, ts, 7, "bob", "", "second", false, "node-b"),
                unnumbered("#top", "hello"),
                new Entry.RoomEvent("#top", 0, ts, 7, "cid", "", "", true, "node-a"),
                new Entry.RoomEvent("#other", 0, ts, 7, "dan", "", "elsewhere", false, "node-a")));
        assertThat(store.roomTopicAt("#TOP", 1)).isEqualTo("first");
        assertThat(store.roomTopicAt("#top", 2)).isEqualTo("first");
        assertThat(store.roomTopicAt("#top", 4)).isEqualTo("second");
        assertThat(store.roomTopicAt("#top", 5)).as("cleared").isEmpty();
        assertThat(store.roomTopicAt("#top", 0)).isNull();
    }

    /** A room's mode changes up to a place, by place, the last ones: what a node opening it applies. */
    @Test
    default void aRoomsModeChangesUpToAPlaceAreReadInOrder() {
        Store store = store();
        Instant ts = Instant.parse("2026-01-01T00:00:00Z");
        store.appendCounted(List.of(
                new Entry.RoomEvent("#md", 0, ts, 8, "alice", "", "+m", false, "node-a", ""),
                event("#md", "bob"),
                new Entry.RoomEvent("#md", 0, ts, 8, "alice", "", "+o bob", false, "node-a", "gbob.1"),
                new Entry.RoomEvent("#md", 0, ts, 8, "alice", "", "-m", false, "node-a", ""),
                new Entry.RoomEvent("#other", 0, ts, 8, "dan", "", "+i", false, "node-a", "")));
        assertThat(store.roomModesAt("#MD", 4, 10)).extracting(e -> e.seq() + " " + e.text() + " " + e.about())
                .containsExactly("1 +m ", "3 +o bob gbob.1", "4 -m ");
        assertThat(store.roomModesAt("#md", 3, 10)).extracting(Entry.RoomEvent::text).containsExactly("+m", "+o bob");
        assertThat(store.roomModesAt("#md", 4, 2)).as("the last ones").extracting(Entry.RoomEvent::text)
                .containsExactly("+o bob", "-m");
        assertThat(store.roomModesAt("#none", 4, 10)).isEmpty();
    }

    @Test
    default void racingWritersOfMessagesAndEventsGetGaplessPlacesInIdOrder() throws Exception {
        Store store = store();
        race(6, writer -> {
            for (int i = 0; i < 20; i++) {
                store.appendCounted(List.of(i % 3 == 0 ? event("#mix", "w" + writer) : unnumbered("#mix", "w" + writer)));
            }
            return List.of();
        });
        List<Entry> places = store.roomSince("#mix", 0, 500);
        assertThat(places).hasSize(120);
        long place = 0;
        long id = 0;
        for (Entry entry : places) {
            long seq = entry instanceof RoomMessage m ? m.seq() : ((Entry.RoomEvent) entry).seq();
            assertThat(seq).as("places are gapless").isEqualTo(++place);
            if (entry instanceof RoomMessage m) {
                assertThat(m.id()).as("ids follow the places, gapless").isEqualTo(++id);
            }
        }
        assertThat(id).as("13 of each writer's 20 are messages").isEqualTo(78);
        assertThat(store.lastRoomSeq("#mix")).isEqualTo(120);
    }
}
