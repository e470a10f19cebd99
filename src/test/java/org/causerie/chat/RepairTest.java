package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.causerie.event.Event;
import org.causerie.store.Entry;
import org.causerie.store.MemoryStore;
import org.causerie.store.Store;
import org.junit.jupiter.api.Test;

/**
 * A cluster node's repair, in process against a real {@link MemoryStore}: what a hole becomes when the
 * store has the missing messages, when retention removed some of them, when the last messages of a quiet
 * room were missed (no later message shows the hole: the periodic check finds it), and when the store
 * cannot be read for a while.
 */
class RepairTest {
    private static final String ROOM = "#load";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MemoryStore memory = new MemoryStore();
    private final List<Event> seen = new CopyOnWriteArrayList<>();

    @Test
    void idsTheStoreNoLongerHasBecomeAGapAndTheRestIsDelivered() {
        store(1, 2, 3, 4, 5, 8); // 6 and 7 were committed, then removed by retention
        Room room = sharedRoom(5);
        var repair = new Repair(memory, new Rooms(Journal.inline(memory), 0, true), "node-a");

        assertThat(room.order().accept(9, Entries.message(ROOM, entry(9)), "i.m9", false)).as("#9 held past the hole at #6").isTrue();
        repair.start(room);

        awaitDelivered(room, 9);
        assertThat(events()).containsExactly("gap 6-7", "#8", "#9");
    }

    @Test
    void theCheckFetchesTheLastMessagesOfAQuietRoom() {
        store(1, 2, 3);
        var rooms = new Rooms(Journal.inline(memory), 0, true);
        var repair = new Repair(memory, rooms, "node-a");
        Room room = rooms.findOrOpen(ROOM);
        assertThat(room.join(member(), new Room.Request(null, 100, false, 100))).isTrue();
        store(4, 5); // committed on another node, whose notes never came

        repair.check();

        awaitDelivered(room, 5);
        assertThat(events()).containsExactly("#4", "#5");
    }

    @Test
    void aStoreThatCannotBeReadIsAskedAgainAfterAWaitUntilItAnswers() {
        store(1, 2, 3, 4, 5, 6);
        var failures = new AtomicInteger();
        Store flaky = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("roomSince") && failures.incrementAndGet() <= 2) {
                        throw new org.causerie.store.StoreException("the database is restarting", null);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Room room = sharedRoom(4);
        var repair = new Repair(flaky, new Rooms(Journal.inline(memory), 0, true), "node-a");

        assertThat(room.order().accept(6, Entries.message(ROOM, entry(6)), "i.m6", false)).isTrue();
        long start = System.nanoTime();
        repair.start(room);

        awaitDelivered(room, 6);
        assertThat(events()).containsExactly("#5", "#6");
        assertThat(failures.get()).as("two failed reads, then the page and the read that found nothing after it")
                .isEqualTo(4);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("waited 100 ms, then 200 ms, before asking again").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Repair.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(Repair.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(Repair.backoff(50)).isEqualTo(Duration.ofSeconds(5));
    }

    private void store(long... ids) {
        for (long id : ids) {
            memory.append(List.of(entry(id)));
        }
    }

    /** A room of a cluster node that has delivered up to {@code delivered}, with one member watching. */
    private Room sharedRoom(long delivered) {
        var room = new Room(ROOM, true, 0, "", delivered, List.of(), Journal.inline(memory), 0, null, false, true);
        room.order().placeAfter(delivered); // no events but messages here: each message's place is its id
        assertThat(room.join(member(), new Room.Request(null, 100, false, 100))).isTrue();
        return room;
    }

    private Session member() {
        return new Session(1, "watcher", envelope -> seen.add(envelope.event()), "g.1", null);
    }

    private static void awaitDelivered(Room room, long id) {
        Awaitility.await().atMost(WAIT).until(() -> room.delivered() >= id && room.order().firstHeld() == 0);
    }

    private List<String> events() {
        var events = new ArrayList<String>();
        for (Event event : seen) {
            switch (event) {
                case Event.Message m -> events.add("#" + m.id());
                case Event.Gap g -> events.add("gap " + g.from() + "-" + g.to());
                default -> { }
            }
        }
        return events;
    }

    private static Entry.RoomMessage entry(long id) {
        return new Entry.RoomMessage(ROOM, id, Instant.ofEpochMilli(1_000 * id), "m" + id, "text " + id, false, id);
    }
}
