package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.causerie.store.Fixtures.ids;
import static org.causerie.store.Fixtures.privateMessage;
import static org.causerie.store.Fixtures.race;
import static org.causerie.store.Fixtures.range;
import static org.causerie.store.Fixtures.roomMessage;
import static org.causerie.store.Fixtures.roomMessages;

import java.util.ArrayList;
import java.util.List;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.Entry.RoomMessage;
import org.junit.jupiter.api.Test;

/** The contract on history: appending, the pages, the ids. Run through {@link StoreContract}. */
interface HistoryContract {

    Store store();

    @Test
    default void roomPagesGoBackwardAndForwardInIdOrder() {
        Store store = store();
        store.append(List.copyOf(roomMessages("#Java", 1, 10)));
        store.append(List.copyOf(roomMessages("#other", 1, 3)));

        Page<RoomMessage> latest = store.roomBefore("#java", Long.MAX_VALUE, 3);
        assertThat(latest.messages()).isEqualTo(roomMessages("#Java", 8, 10));
        assertThat(latest.firstRetained()).isEqualTo(1);
        assertThat(ids(store.roomBefore("#JAVA", 8, 3).messages())).isEqualTo(range(5, 7));
        assertThat(ids(store.roomBefore("#java", 3, 5).messages())).isEqualTo(range(1, 2));
        assertThat(store.roomBefore("#java", 1, 5).messages()).isEmpty();
        assertThat(ids(store.roomBefore("#java", Long.MAX_VALUE, 100).messages())).isEqualTo(range(1, 10));

        assertThat(store.roomAfter("#java", 0, 4).messages()).isEqualTo(roomMessages("#Java", 1, 4));
        assertThat(ids(store.roomAfter("#java", 8, 5).messages())).isEqualTo(range(9, 10));
        assertThat(store.roomAfter("#java", 10, 5).messages()).isEmpty();
        assertThat(store.roomAfter("#java", 0, 0).messages()).isEmpty();
        assertThat(store.roomAfter("#java", 0, 0).firstRetained()).isEqualTo(1);

        Page<RoomMessage> none = store.roomBefore("#empty", Long.MAX_VALUE, 10);
        assertThat(none.messages()).isEmpty();
        assertThat(none.firstRetained()).isZero();
        assertThatThrownBy(() -> store.roomAfter("#java", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void privatePagesAreKeptPerConversation() {
        Store store = store();
        String ab = Store.conversation("Alice", "bob");
        String ac = Store.conversation("carol", "ALICE");
        var entries = new ArrayList<Entry>();
        for (long id = 1; id <= 6; id++) {
            entries.add(privateMessage(ab, id, id % 2 == 0 ? "Alice" : "bob", id % 2 == 0 ? "bob" : "Alice"));
            entries.add(privateMessage(ac, id, "carol", "Alice"));
        }
        store.append(entries);

        Page<PrivateMessage> page = store.privateBefore(ab, Long.MAX_VALUE, 2);
        assertThat(page.messages()).containsExactly(privateMessage(ab, 5, "bob", "Alice"),
                privateMessage(ab, 6, "Alice", "bob"));
        assertThat(page.firstRetained()).isEqualTo(1);
        assertThat(ids(store.privateBefore(ab, 5, 10).messages())).isEqualTo(range(1, 4));
        assertThat(ids(store.privateAfter(ac, 2, 3).messages())).isEqualTo(range(3, 5));
        assertThat(store.privateAfter(ac, 2, 3).messages()).allMatch(m -> m.conversation().equals(ac));
        assertThat(store.privateAfter(Store.conversation("x", "y"), 0, 3).firstRetained()).isZero();
    }

    @Test
    default void lastIdsFollowAppends() {
        Store store = store();
        String ab = Store.conversation("a", "b");
        assertThat(store.lastRoomId("#r")).isZero();
        assertThat(store.lastPrivateId(ab)).isZero();
        store.append(List.of());
        store.append(List.of(roomMessage("#R", 1), roomMessage("#R", 2), privateMessage(ab, 1, "a", "b")));
        assertThat(store.lastRoomId("#r")).isEqualTo(2);
        store.append(List.of(roomMessage("#r", 3)));
        assertThat(store.lastRoomId("#R")).isEqualTo(3);
        assertThat(store.lastPrivateId(ab)).isEqualTo(1);
        assertThat(store.lastRoomId("#other")).isZero();
    }

    @Test
    default void anAppendWithADuplicateIdWritesNothing() {
        Store store = store();
        store.append(List.of(roomMessage("#r", 1)));
        String ab = Store.conversation("a", "b");

        List<Entry> repeatsWithin = List.of(roomMessage("#r", 2), privateMessage(ab, 1, "a", "b"),
                roomMessage("#r", 3), roomMessage("#R", 2));
        assertThatThrownBy(() -> store.append(repeatsWithin)).isInstanceOf(StoreException.class);

        List<Entry> repeatsStored = List.of(privateMessage(ab, 1, "a", "b"), roomMessage("#r", 2),
                roomMessage("#r", 1));
        assertThatThrownBy(() -> store.append(repeatsStored)).isInstanceOf(StoreException.class);

        assertThat(ids(store.roomAfter("#r", 0, 10).messages())).containsExactly(1L);
        assertThat(store.lastPrivateId(ab)).isZero();
        store.append(List.of(roomMessage("#r", 2)));
        assertThat(store.lastRoomId("#r")).isEqualTo(2);
    }

    /**
     * Appends from several threads at once, each batch writing two logs (half of the threads in one order,
     * half in the other) and one batch in five repeating an id: every batch is written whole or not at
     * all, whatever runs beside it, and none waits for another forever.
     */
    @Test
    default void concurrentAppendsAcrossLogsAreAllOrNothing() throws Exception {
        Store store = store();
        String ab = Store.conversation("a", "b");
        int threads = 4;
        int batches = 50;
        List<List<Long>> written = race(threads, t -> {
            var ids = new ArrayList<Long>();
            for (int n = 1; n <= batches; n++) {
                long id = t * 1_000L + n;
                Entry room = roomMessage("#shared", n % 5 == 0 ? id - 1 : id); // a repeat in one batch of five
                Entry conversation = privateMessage(ab, id, "a", "b");
                try {
                    store.append(t % 2 == 0 ? List.of(room, conversation) : List.of(conversation, room));
                    ids.add(id);
                } catch (StoreException expected) {
                    assertThat(n % 5).as("only the repeats are refused").isZero();
                }
            }
            return ids;
        });
        List<Long> expected = written.stream().flatMap(List::stream).sorted().toList();
        assertThat(expected).hasSize(threads * batches * 4 / 5);
        assertThat(ids(store.roomAfter("#shared", 0, 1_000).messages())).isEqualTo(expected);
        assertThat(ids(store.privateAfter(ab, 0, 1_000).messages())).isEqualTo(expected);
    }

    @Test
    default void aThousandEntriesGoInOneAppend() {
        Store store = store();
        String ab = Store.conversation("a", "b");
        var entries = new ArrayList<Entry>();
        for (long id = 1; id <= 500; id++) {
            entries.add(roomMessage("#big", id));
            entries.add(privateMessage(ab, id, "a", "b"));
        }
        store.append(entries);
        assertThat(store.lastRoomId("#big")).isEqualTo(500);
        assertThat(store.lastPrivateId(ab)).isEqualTo(500);
        assertThat(store.roomAfter("#big", 0, 1_000).messages()).isEqualTo(roomMessages("#big", 1, 500));
        assertThat(ids(store.privateBefore(ab, Long.MAX_VALUE, 1_000).messages())).isEqualTo(range(1, 500));
    }
}
