package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.causerie.event.Event;
import org.causerie.store.Entry;
import org.causerie.store.MemoryStore;
import org.causerie.store.Store;
import org.junit.jupiter.api.Test;

/**
 * A repair's empty page proves nothing about a message held after the page was read. Here the store
 * (a real {@link MemoryStore}) answers the repair's read as it stood when the read began, and while that
 * read runs two more messages are committed and the second reaches the room first, as another node's
 * note does when the first one's note is late: held past a hole. The repair must read again and deliver
 * both. Taking the empty page as proof that the hole was pruned showed a {@code gap} over a stored
 * message instead (FaultTest saw it as a member that never received another node's acknowledged message).
 */
class RepairRaceTest {
    private static final String ROOM = "#load";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aMessageHeldWhileTheRepairReadsIsRepairedNotSkipped() throws Exception {
        var memory = new MemoryStore();
        for (long id = 1; id <= 10; id++) {
            memory.append(List.of(entry(id)));
        }
        var room = new Room(ROOM, true, 0, "", 8, List.of(), Journal.inline(memory), 0, null, false, true);
        room.order().placeAfter(8); // no events but messages here: each message's place is its id
        var hookDone = new AtomicBoolean();
        // The store itself, but for one thing: the first read that finds nothing after #10 lets #11 and #12
        // be committed, and #12 reach the room, before that (empty) answer gets back to the repair.
        Store store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("roomSince") && (long) args[1] == 10 && hookDone.compareAndSet(false, true)) {
                        memory.append(List.of(entry(11)));
                        memory.append(List.of(entry(12)));
                        room.order().accept(12, Entries.message(ROOM, entry(12)), "i.m12", false);
                    }
                    return result;
                });
        var repair = new Repair(store, new Rooms(Journal.inline(memory), 0, true), "node-a");
        var seen = new CopyOnWriteArrayList<Event>();
        var member = new Session(1, "watcher", envelope -> seen.add(envelope.event()), "g.1", null);
        assertThat(room.join(member, new Room.Request(null, 100, false, 100))).isTrue();

        assertThat(room.order().accept(10, Entries.message(ROOM, entry(10)), "i.m10", false)).as("#10 held past the hole at #9").isTrue();
        repair.start(room);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((room.delivered() < 12 || room.order().firstHeld() != 0 || !room.order().startRepair()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(hookDone).as("the repair read past #10 while #11 and #12 were committed").isTrue();
        var roomEvents = new ArrayList<String>();
        for (Event event : seen) {
            switch (event) {
                case Event.Message m -> roomEvents.add("#" + m.id());
                case Event.Gap g -> roomEvents.add("gap " + g.from() + "-" + g.to());
                default -> { }
            }
        }
        assertThat(roomEvents).containsExactly("#9", "#10", "#11", "#12");
    }

    private static Entry.RoomMessage entry(long id) {
        return new Entry.RoomMessage(ROOM, id, Instant.ofEpochMilli(1_000 * id), "m" + id, "text " + id, false, id);
    }
}
