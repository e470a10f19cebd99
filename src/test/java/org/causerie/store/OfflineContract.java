package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.causerie.store.Fixtures.privateMessage;
import static org.causerie.store.Fixtures.race;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.causerie.store.Entry.Offline;
import org.causerie.store.Entry.PrivateMessage;
import org.junit.jupiter.api.Test;

/** The contract on private messages queued for a recipient who is away. Run through {@link StoreContract}. */
interface OfflineContract {

    Store store();

    @Test
    default void queuedMessagesAreTakenOnceInSendOrder() {
        Store store = store();
        long alice = store.createAccount("alice", "h").orElseThrow().id();
        long bob = store.createAccount("Bob", "h").orElseThrow().id();
        store.createAccount("carol", "h").orElseThrow();
        String ab = Store.conversation("alice", "Bob");
        String cb = Store.conversation("carol", "bob");

        PrivateMessage first = privateMessage(ab, 1, "alice", "Bob");
        PrivateMessage second = privateMessage(cb, 1, "carol", "Bob");
        PrivateMessage third = privateMessage(ab, 2, "alice", "Bob");
        PrivateMessage toAlice = privateMessage(ab, 3, "Bob", "alice");
        PrivateMessage fourth = privateMessage(cb, 2, "carol", "Bob");
        store.append(List.of(first, new Offline(bob, ab, 1)));
        store.append(List.of(second, new Offline(bob, cb, 1), third, new Offline(bob, ab, 2)));
        store.append(List.of(toAlice, new Offline(alice, ab, 3)));
        // The mark may come before its message in the list.
        store.append(List.of(new Offline(bob, cb, 2), fourth));

        assertThat(store.takeOffline(bob)).containsExactly(first, second, third, fourth);
        assertThat(store.takeOffline(bob)).isEmpty();
        assertThat(store.takeOffline(alice)).containsExactly(toAlice);
        assertThat(store.takeOffline(alice)).isEmpty();
        assertThat(store.privateAfter(ab, 0, 10).messages()).containsExactly(first, third, toAlice);
    }

    @Test
    default void concurrentTakersShareTheQueueWithoutOverlap() throws Exception {
        Store store = store();
        store.createAccount("alice", "h").orElseThrow();
        long bob = store.createAccount("bob", "h").orElseThrow().id();
        String ab = Store.conversation("alice", "bob");
        long id = 0;
        for (int round = 0; round < 25; round++) {
            var entries = new ArrayList<Entry>();
            var queued = new ArrayList<PrivateMessage>();
            for (int i = 0; i < 8; i++) {
                PrivateMessage m = privateMessage(ab, ++id, "alice", "bob");
                queued.add(m);
                entries.add(m);
                entries.add(new Offline(bob, ab, m.id()));
            }
            store.append(entries);

            List<List<PrivateMessage>> takes = race(3, i -> store.takeOffline(bob));
            var all = new ArrayList<PrivateMessage>();
            takes.forEach(all::addAll);
            assertThat(all).as("round %d", round).containsExactlyInAnyOrderElementsOf(queued);
            assertThat(new HashSet<>(all)).hasSameSizeAs(all);
            for (List<PrivateMessage> take : takes) {
                assertThat(take).as("one take, in send order").isSortedAccordingTo(
                        (a, b) -> Long.compare(a.id(), b.id()));
            }
        }
        assertThat(store.takeOffline(bob)).isEmpty();
    }
}
