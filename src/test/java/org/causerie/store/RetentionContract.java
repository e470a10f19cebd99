package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.causerie.store.Fixtures.ids;
import static org.causerie.store.Fixtures.privateMessage;
import static org.causerie.store.Fixtures.range;
import static org.causerie.store.Fixtures.roomMessages;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.causerie.store.Entry.Offline;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.Entry.RoomMessage;
import org.junit.jupiter.api.Test;

/** The contract on {@link Store#prune}. Run through {@link StoreContract}. */
interface RetentionContract {

    Store store();

    @Test
    default void pruningByCountKeepsTheNewestOfEachRoomAndConversationAndQueuedMessages() {
        Store store = store();
        store.createAccount("alice", "h").orElseThrow();
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        String ab = Store.conversation("alice", "bob");
        var entries = new ArrayList<Entry>();
        entries.addAll(roomMessages("#a", 1, 10));
        entries.addAll(roomMessages("#b", 1, 3));
        for (long id = 1; id <= 10; id++) {
            entries.add(privateMessage(ab, id, "alice", "bob"));
        }
        entries.add(new Offline(bob, ab, 2));
        entries.add(new Offline(bob, ab, 3));
        store.append(entries);

        assertThat(store.prune(new Retention(null, 4L))).isEqualTo(6 + 4);

        Page<RoomMessage> a = store.roomBefore("#a", Long.MAX_VALUE, 100);
        assertThat(ids(a.messages())).isEqualTo(range(7, 10));
        assertThat(a.firstRetained()).isEqualTo(7);
        assertThat(ids(store.roomAfter("#b", 0, 100).messages())).isEqualTo(range(1, 3));
        Page<PrivateMessage> p = store.privateAfter(ab, 0, 100);
        assertThat(ids(p.messages())).containsExactly(2L, 3L, 7L, 8L, 9L, 10L);
        assertThat(p.firstRetained()).isEqualTo(2);
        assertThat(store.lastRoomId("#a")).isEqualTo(10);

        assertThat(store.prune(new Retention(null, 4L))).isZero();
        assertThat(ids(store.takeOffline(bob))).containsExactly(2L, 3L);
        assertThat(store.prune(new Retention(null, 4L))).isEqualTo(2);
        assertThat(store.prune(new Retention(null, 0L))).isEqualTo(4 + 3 + 4);
        assertThat(store.roomBefore("#a", Long.MAX_VALUE, 10).firstRetained()).isZero();
    }

    @Test
    default void pruningByAgeDeletesOldMessagesButNotQueuedOnes() {
        Store store = store();
        store.createAccount("alice", "h").orElseThrow();
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        String ab = Store.conversation("alice", "bob");
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(10));
        var entries = new ArrayList<Entry>();
        for (long id = 1; id <= 8; id++) {
            Instant ts = id <= 5 ? old.plusSeconds(id) : now;
            entries.add(new RoomMessage("#r", id, ts, "alice", "m" + id, false));
        }
        for (long id = 1; id <= 5; id++) {
            Instant ts = id <= 4 ? old.plusSeconds(id) : now;
            entries.add(new PrivateMessage(ab, id, ts, "alice", "bob", "p" + id));
        }
        entries.add(new Offline(bob, ab, 2));
        store.append(entries);

        assertThat(store.prune(new Retention(Duration.ofDays(1), null))).isEqualTo(5 + 3);

        assertThat(ids(store.roomAfter("#r", 0, 100).messages())).isEqualTo(range(6, 8));
        assertThat(ids(store.privateAfter(ab, 0, 100).messages())).containsExactly(2L, 5L);
        assertThat(ids(store.takeOffline(bob))).containsExactly(2L);
        assertThat(store.prune(new Retention(Duration.ofDays(1), 100L))).isEqualTo(1);
        assertThat(store.prune(new Retention(Duration.ofDays(1), 100L))).isZero();
    }

    @Test
    default void keepingEverythingDeletesNothing() {
        Store store = store();
        store.append(List.copyOf(roomMessages("#r", 1, 5)));
        assertThat(store.prune(Retention.FOREVER)).isZero();
        assertThat(store.prune(new Retention(Duration.ofDays(3650 * 100), 5L))).isZero();
        assertThat(store.prune(new Retention(Duration.ofSeconds(Long.MAX_VALUE), null))).isZero();
        assertThat(ids(store.roomAfter("#r", 0, 10).messages())).isEqualTo(range(1, 5));
    }
}
