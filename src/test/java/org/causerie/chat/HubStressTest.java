package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.causerie.auth.Passwords;
import org.causerie.auth.HashWorkers;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.store.MemoryStore;
import org.causerie.store.RoomRecord;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The hub's guarantees under contention, in process (no socket, so many rounds fit in seconds): threads
 * released together join and leave rooms, rename to a few contested names, and post, while the grouped
 * journal delivers on its own thread. Then an invariant checker reads what every session received:
 * <ul>
 *   <li>one order per room: any two members saw the room's shared events in the same relative order;
 *   <li>exactly once, and the replay exact: within one stay in a room, the messages (replayed, then
 *       live) have consecutive ids, none twice, none missing;
 *   <li>one owner per nickname: no two sessions end with one name, and the directory agrees.
 * </ul>
 * Each repetition is a fresh hub and fresh random choices (the seed is in the failure message).
 */
class HubStressTest {
    /** One pool of password hashers for every hub of this class (no test here hashes a password). */
    private static final HashWorkers HASHING = new HashWorkers(new Passwords(), 1, 64);

    /** A session as a door makes one: connected, then seated in the lobby (after its first line, on the wire). */
    static Session seated(Hub hub, Sink sink) {
        Session session = hub.connect(sink);
        hub.seat(session);
        return session;
    }
    private static final int THREADS = 6;
    private static final int STEPS = 300;
    private static final List<String> ROOMS = List.of("#a", "#b", "#c");
    private static final List<String> NICKS = List.of("crown", "Crown", "jewel");
    /** Where a session asked to join a room: what follows in that room is a new stay, with its own replay. */
    record StayStart(String room) {}

    /** Everything one session received, in the order its sink got it, with its own join attempts marked. */
    static final class Received implements Sink {
        private final List<Object> entries = new ArrayList<>();

        @Override
        public synchronized void send(Envelope envelope) { // called under different rooms' locks at once
            entries.add(envelope);
        }

        /** Called by the session's own thread before it joins: nothing of that room can come in between. */
        synchronized void stay(String room) {
            entries.add(new StayStart(room));
        }

        synchronized List<Object> all() {
            return List.copyOf(entries);
        }
    }

    /** Rooms owned by an account: they stay open when empty. */
    @RepeatedTest(15)
    void contendedHubKeepsItsInvariants() throws Exception {
        long seed = System.nanoTime();
        var run = run(seed, false);
        new Invariants(seed).check(run.sessions(), run.sinks(), run.hub());
    }

    /**
     * Guest rooms: they close when their last member leaves and reopen at the next join, maybe while
     * their last messages still wait in the journal, maybe while another join is opening them. The
     * replay of each stay must still be exact (it found rooms opened from a stale read: {@code ReopenTest}).
     */
    @RepeatedTest(15)
    void contendedGuestRoomsKeepTheirInvariants() throws Exception {
        long seed = System.nanoTime();
        var run = run(seed, true);
        new Invariants(seed).check(run.sessions(), run.sinks(), run.hub());
    }

    /**
     * Guest rooms close when their last member leaves and reopen at the next join, maybe while their last
     * messages still wait in the journal: the reopened room must not number from the store's older last
     * id, or the duplicate id fails the whole group commit (everyone's messages in it lost with
     * {@code store-failed}).
     */
    @RepeatedTest(5)
    void reopenedGuestRoomsNeverNumberTwice() throws Exception {
        long seed = System.nanoTime();
        var run = run(seed, true);
        var seen = new HashMap<String, String>(); // room + id -> text
        for (int i = 0; i < run.sinks().size(); i++) {
            for (Object entry : run.sinks().get(i).all()) {
                if (entry instanceof Envelope envelope) {
                    if (envelope.event() instanceof Event.Error error) {
                        assertThat(error.code()).as("seed %d, session %d: %s", seed, i, error).isNotEqualTo("store-failed");
                    } else if (envelope.event() instanceof Event.Message m) {
                        String previous = seen.putIfAbsent(m.room() + "/" + m.id(), m.text());
                        assertThat(previous).as("seed %d: two messages numbered %s in %s", seed, m.id(), m.room())
                                .isIn(null, m.text());
                    }
                }
            }
        }
    }

    record Run(Hub hub, List<Session> sessions, List<Received> sinks) {}

    private static Run run(long seed, boolean guestRooms) throws Exception {
        var store = new MemoryStore();
        if (!guestRooms) {
            long owner = store.createAccount("owner", "-").orElseThrow().id();
            ROOMS.forEach(room -> store.saveRoom(new RoomRecord(room, owner, ""))); // owned: open when empty
        }
        var journal = Journal.grouped(store);
        var hub = new Hub("causerie", "test", journal, HASHING, Gate.defaults(), Rules.DEFAULTS);
        var sinks = new ArrayList<Received>();
        var sessions = new ArrayList<Session>();
        for (int i = 0; i < THREADS; i++) {
            var sink = new Received();
            sinks.add(sink);
            sessions.add(seated(hub, sink));
        }
        var start = new CyclicBarrier(THREADS);
        var threads = new ArrayList<Thread>();
        var failures = new ArrayList<Throwable>();
        for (int t = 0; t < THREADS; t++) {
            Session session = sessions.get(t);
            Received sink = sinks.get(t);
            var random = new SplittableRandom(seed + t);
            threads.add(Thread.ofPlatform().name("stress-" + t).start(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int step = 0; step < STEPS; step++) {
                        act(hub, session, sink, random);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            assertThat(thread.join(java.time.Duration.ofSeconds(30))).as("seed %d: a thread is stuck", seed).isTrue();
        }
        journal.close(); // every accepted message is delivered
        assertThat(failures).as("seed %d", seed).isEmpty();
        return new Run(hub, sessions, sinks);
    }

    /** One random step; refusals (room-full, nick-taken, not-in-room...) are part of the game. */
    private static void act(Hub hub, Session session, Received sink, SplittableRandom random) {
        int roll = random.nextInt(100);
        try {
            if (roll < 55) {
                if (session.current() != null) {
                    hub.say(session, "m" + random.nextInt(1000), false);
                }
            } else if (roll < 70) {
                String room = ROOMS.get(random.nextInt(ROOMS.size()));
                if (session.rooms().stream().noneMatch(in -> in.name().equals(room))) {
                    sink.stay(room);
                }
                hub.join(session, room);
            } else if (roll < 82) {
                Room room = session.current();
                if (room != null && !room.name().equals(Hub.LOBBY)) {
                    hub.part(session, room.name(), null);
                }
            } else if (roll < 95) {
                hub.rename(session, NICKS.get(random.nextInt(NICKS.size())));
            } else {
                hub.rename(session, session.guestNick()); // back to a name nobody contests, freeing the other
            }
        } catch (ChatException refused) {
            // a refusal is an answer, not a failure
        }
    }

    /** The checker: reads only what the sinks received and what the directory holds at the end. */
    record Invariants(long seed) {
        void check(List<Session> sessions, List<Received> sinks, Hub hub) {
            var byRoom = new HashMap<String, Map<Integer, List<Object>>>(); // room -> session index -> its entries
            for (int i = 0; i < sinks.size(); i++) {
                for (Object entry : sinks.get(i).all()) {
                    String room = entry instanceof StayStart stay ? stay.room() : roomOf(((Envelope) entry).event());
                    if (room != null) {
                        byRoom.computeIfAbsent(room, key -> new HashMap<>()).computeIfAbsent(i, key -> new ArrayList<>())
                                .add(entry);
                    }
                }
            }
            for (int i = 0; i < sinks.size(); i++) {
                for (Object entry : sinks.get(i).all()) {
                    if (entry instanceof Envelope envelope && envelope.event() instanceof Event.Error error) {
                        assertThat(error.code()).as("seed %d, session %d: %s", seed, i, error).isNotEqualTo("store-failed");
                    }
                }
            }
            byRoom.forEach((room, views) -> {
                sameOrder(room, views);
                views.forEach((who, entries) -> exactlyOnce(room, who, entries));
            });
            oneOwnerPerNickname(sessions, hub);
        }

        /** Any two members saw the live events they share (the same envelope objects) in the same order. */
        private void sameOrder(String room, Map<Integer, List<Object>> views) {
            for (var a : views.entrySet()) {
                var position = new IdentityHashMap<Object, Integer>();
                for (Object entry : a.getValue()) {
                    position.put(entry, position.size());
                }
                for (var b : views.entrySet()) {
                    int last = -1;
                    for (Object entry : b.getValue()) {
                        Integer at = entry instanceof Envelope ? position.get(entry) : null;
                        if (at != null) {
                            assertThat(at).as("seed %d, %s: sessions %d and %d disagree on the order of %s", seed, room,
                                    a.getKey(), b.getKey(), ((Envelope) entry).event()).isGreaterThan(last);
                            last = at;
                        }
                    }
                }
            }
        }

        /**
         * Within one stay (from a join attempt to the next), the messages, replayed then live, have
         * consecutive ids: none missing, none twice; a stay that begins live begins with the room's first
         * message (else the replay missed what came before); and no message comes live twice in any stay.
         */
        private void exactlyOnce(String room, int who, List<Object> entries) {
            long previous = -1;
            var live = new HashSet<Long>();
            for (Object entry : entries) {
                if (entry instanceof StayStart) {
                    previous = -1;
                } else if (((Envelope) entry).event() instanceof Event.Message message) {
                    if (previous != -1) {
                        assertThat(message.id()).as("seed %d, %s, session %d: after %d came %s", seed, room, who,
                                previous, message).isEqualTo(previous + 1);
                    } else if (message.delivery() == Event.Delivery.LIVE) {
                        // the room's first message, or the replay should have shown the one before it
                        assertThat(message.id()).as("seed %d, %s, session %d: a stay began live with %s, no replay",
                                seed, room, who, message).isEqualTo(1);
                    }
                    previous = message.id();
                    if (message.delivery() == Event.Delivery.LIVE) {
                        assertThat(live.add(message.id())).as("seed %d, %s, session %d: %s came live twice", seed,
                                room, who, message).isTrue();
                    }
                }
            }
        }

        private void oneOwnerPerNickname(List<Session> sessions, Hub hub) {
            var owners = new HashMap<String, Session>();
            for (Session session : sessions) {
                Session other = owners.put(Names.fold(session.nick()), session);
                assertThat(other).as("seed %d: %s and %s both hold %s", seed, other, session, session.nick()).isNull();
                assertThat(hub.identityOf(session.nick())).as("seed %d: the directory's holder of %s", seed,
                        session.nick()).contains(session.identity());
            }
        }

        private static String roomOf(Event event) {
            return switch (event) {
                case Event.Message m -> m.room();
                case Event.Joined j -> j.room();
                case Event.Parted p -> p.room();
                case Event.Quit q -> q.room();
                case Event.NickChanged n -> n.room();
                default -> null;
            };
        }
    }
}
