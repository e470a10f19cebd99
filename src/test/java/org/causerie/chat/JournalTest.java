package org.causerie.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.causerie.auth.Passwords;
import org.causerie.auth.HashWorkers;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durable before delivered (docs/concurrency.md, guarantee 2), with a store whose commit the test holds
 * open: while the store has not returned, nobody, the sender included, has the message; once it
 * returns, everyone does. Also: a failed commit reaches nobody, commits are grouped, and closing the
 * journal delivers everything it accepted.
 */
class JournalTest {
    /** One pool of password hashers for every hub of this class (no test here hashes a password). */
    private static final HashWorkers HASHING = new HashWorkers(new Passwords(), 1, 64);

    /** A session as a door makes one: connected, then seated in the lobby (after its first line, on the wire). */
    static Session seated(Hub hub, Sink sink) {
        Session session = hub.connect(sink);
        hub.seat(session);
        return session;
    }
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final GatedStore store = new GatedStore();
    private Journal journal;

    /** Keeps every event sent to one session; written by the journal's thread, read by the test's. */
    static final class Heard implements Sink {
        final List<Event> events = new CopyOnWriteArrayList<>();
        /** This session's messages in the journal (Sink.held, Sink.released). */
        final java.util.concurrent.atomic.AtomicInteger inJournal = new java.util.concurrent.atomic.AtomicInteger();
        /** Each release, the messages this session had then: the echo comes before its release. */
        final List<Integer> heardAtRelease = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger messages = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void send(Envelope envelope) {
            events.add(envelope.event());
            if (envelope.event() instanceof Event.Message || envelope.event() instanceof Event.Private) {
                messages.incrementAndGet();
            }
        }

        @Override
        public void held() {
            inJournal.incrementAndGet();
        }

        @Override
        public void released() {
            heardAtRelease.add(messages.get());
            inJournal.decrementAndGet();
        }

        List<String> texts() {
            return events.stream().map(event -> switch (event) {
                case Event.Message m -> m.text();
                case Event.Private p -> p.text();
                default -> null;
            }).filter(text -> text != null).toList();
        }

        List<Long> messageIds() {
            return events.stream().filter(Event.Message.class::isInstance).map(e -> ((Event.Message) e).id()).toList();
        }
    }

    private Hub hub(Journal journal) {
        this.journal = journal;
        return new Hub("causerie", "test", journal, HASHING, Gate.defaults(), Rules.DEFAULTS);
    }

    @AfterEach
    void close() {
        store.close(false);
        store.release(1_000);
        journal.close();
    }

    @Test
    void nobodyHasAMessageWhileItsCommitHasNotReturned() throws Exception {
        Hub hub = hub(Journal.grouped(store));
        var toAlice = new Heard();
        var toBob = new Heard();
        Session alice = seated(hub, toAlice);
        Session bob = seated(hub, toBob);
        store.close(true);

        hub.say(alice, "kept first", false);
        assertThat(store.waiting.tryAcquire(10, TimeUnit.SECONDS)).as("the commit began").isTrue();
        assertThat(toAlice.texts()).as("the sender's echo before the commit returned").isEmpty();
        assertThat(toBob.texts()).as("a member's copy before the commit returned").isEmpty();
        assertThat(toAlice.inJournal).as("the sender's message counted against it while in the journal").hasValue(1);

        hub.tell(alice, bob.nick(), "psst"); // queued behind the held commit
        store.release(1);
        assertThat(store.waiting.tryAcquire(10, TimeUnit.SECONDS)).as("the second commit began").isTrue();
        await().atMost(TIMEOUT).until(() -> toBob.texts().equals(List.of("kept first")));
        assertThat(toAlice.texts()).as("the private message before its commit returned").containsExactly("kept first");

        store.release(1);
        await().atMost(TIMEOUT).until(() -> toBob.texts().equals(List.of("kept first", "psst")));
        await().atMost(TIMEOUT).until(() -> toAlice.texts().equals(List.of("kept first", "psst")));
        await().atMost(TIMEOUT).until(() -> toAlice.inJournal.get() == 0);
        assertThat(toAlice.heardAtRelease).as("each released once its echo was queued").containsExactly(1, 2);
        assertThat(toBob.inJournal).as("nothing counted against a receiver").hasValue(0);
    }

    @Test
    void aSenderGoneWhileItsMessageIsInTheJournalIsReleasedAllTheSame() throws Exception {
        Hub hub = hub(Journal.grouped(store));
        var toAlice = new Heard();
        var toBob = new Heard();
        Session alice = seated(hub, toAlice);
        seated(hub, toBob);
        store.close(true);

        hub.say(alice, "said, then gone", false);
        assertThat(store.waiting.tryAcquire(10, TimeUnit.SECONDS)).as("the commit began").isTrue();
        assertThat(toAlice.inJournal).hasValue(1);
        Thread leaving = Thread.ofVirtual().start(() -> hub.disconnect(alice, "gone")); // it waits for the journal
        await().atMost(TIMEOUT).until(() -> leaving.getState() == Thread.State.WAITING
                || leaving.getState() == Thread.State.TIMED_WAITING);
        store.release(1);
        assertThat(leaving.join(TIMEOUT)).isTrue();
        await().atMost(TIMEOUT).until(() -> toBob.texts().equals(List.of("said, then gone")));
        await().atMost(TIMEOUT).until(() -> toAlice.inJournal.get() == 0);
        assertThat(toAlice.heardAtRelease).hasSize(1);
    }

    @Test
    void theInlineJournalAlsoDeliversOnlyAfterTheCommit() throws Exception {
        Hub hub = hub(Journal.inline(store));
        var toAlice = new Heard();
        var toBob = new Heard();
        Session alice = seated(hub, toAlice);
        seated(hub, toBob);
        store.close(true);

        Thread sender = Thread.ofVirtual().start(() -> hub.say(alice, "kept first", false));
        assertThat(store.waiting.tryAcquire(10, TimeUnit.SECONDS)).as("the commit began").isTrue();
        assertThat(toAlice.texts()).isEmpty();
        assertThat(toBob.texts()).isEmpty();
        store.release(1);
        assertThat(sender.join(TIMEOUT)).isTrue();
        assertThat(toAlice.texts()).containsExactly("kept first");
        assertThat(toBob.texts()).containsExactly("kept first");
    }

    @Test
    void theInlineJournalGivesBackEachPlaceItTakes() throws Exception {
        Hub hub = hub(Journal.inline(store));
        Session alice = seated(hub, new Heard());
        var toBob = new Heard();
        seated(hub, toBob);
        Thread sender = Thread.ofPlatform().name("sender").start(() -> {
            for (int i = 1; i <= Journal.MAX_PENDING + 1; i++) { // past the bound: each place must come back
                hub.say(alice, "m" + i, false);
            }
        });
        assertThat(sender.join(Duration.ofSeconds(60))).as("the sender never waits on an inline journal").isTrue();
        assertThat(toBob.messageIds()).hasSize(Journal.MAX_PENDING + 1);
    }

    @Test
    void aFailedCommitReachesNobodyAndTheSenderIsTold() {
        Hub hub = hub(Journal.grouped(store));
        var toAlice = new Heard();
        var toBob = new Heard();
        Session alice = seated(hub, toAlice);
        Session bob = seated(hub, toBob);
        store.failing(true);

        hub.say(alice, "lost", false);
        hub.tell(alice, bob.nick(), "lost too");
        await().atMost(TIMEOUT).until(() -> toAlice.events.stream().filter(e -> e instanceof Event.Error error
                && error.code().equals("store-failed")).count() == 2);
        journal.close(); // everything accepted is handled: nothing more can come
        assertThat(toAlice.inJournal).as("a failed commit releases what it held").hasValue(0);
        assertThat(toAlice.heardAtRelease).hasSize(2);
        assertThat(toAlice.texts()).isEmpty();
        assertThat(toBob.texts()).isEmpty();
        assertThat(toBob.events).noneMatch(Event.Error.class::isInstance);

        var toCarol = new Heard(); // nor is the lost message replayed to a newcomer
        store.failing(false);
        seated(hub, toCarol);
        assertThat(toCarol.texts()).isEmpty();
    }

    @Test
    void whatGathersDuringACommitIsCommittedAsOneGroupInOrder() throws Exception {
        Hub hub = hub(Journal.grouped(store));
        var toAlice = new Heard();
        var toBob = new Heard();
        Session alice = seated(hub, toAlice);
        seated(hub, toBob);
        store.close(true);

        hub.say(alice, "m1", false);
        assertThat(store.waiting.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 6; i++) {
            hub.say(alice, "m" + i, false);
        }
        store.release(2);
        await().atMost(TIMEOUT).until(() -> toBob.texts().size() == 6);
        assertThat(store.appends).hasSize(2);
        assertThat(store.appends.get(1)).hasSize(5);
        assertThat(toBob.messageIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(toAlice.messageIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void closingDeliversEverythingAccepted() {
        Hub hub = hub(Journal.grouped(store));
        var toBob = new Heard();
        Session alice = seated(hub, new Heard());
        seated(hub, toBob);
        for (int i = 1; i <= 500; i++) {
            hub.say(alice, "m" + i, false);
        }
        journal.close();
        assertThat(toBob.messageIds()).hasSize(500).isSorted().doesNotHaveDuplicates();
        assertThat(toBob.messageIds().getLast()).isEqualTo(500L);
    }
    /**
     * The bound on pending work (docs/concurrency.md, guarantee 2): with the store's commit held,
     * {@link Journal#MAX_PENDING} messages are accepted (the one in the held commit among them) and the
     * next sender waits in {@code reserve}, before any room lock, until a commit returns; then all of it
     * is delivered, in order.
     */
    @Test
    void aSenderPastTheBoundWaitsForTheStoreThenEverythingIsDelivered() throws Exception {
        Hub hub = hub(Journal.grouped(store));
        var bobsLastId = new java.util.concurrent.atomic.AtomicLong();
        var bobsOutOfOrder = new java.util.concurrent.atomic.AtomicInteger();
        Sink toBob = envelope -> { // counts, as a store of 16,385 events would be slow to search
            if (envelope.event() instanceof Event.Message message
                    && message.id() != bobsLastId.getAndSet(message.id()) + 1) {
                bobsOutOfOrder.incrementAndGet();
            }
        };
        Session alice = seated(hub, new Heard());
        seated(hub, toBob);
        store.close(true);

        hub.say(alice, "held", false);
        assertThat(store.waiting.tryAcquire(10, TimeUnit.SECONDS)).as("the commit began").isTrue();
        var accepted = new java.util.concurrent.atomic.AtomicInteger();
        Thread sender = Thread.ofPlatform().name("sender").start(() -> {
            for (int i = 1; i <= Journal.MAX_PENDING; i++) { // the held one and these: one past the bound
                hub.say(alice, "m" + i, false);
                accepted.incrementAndGet();
            }
        });
        await().atMost(TIMEOUT).until(() -> sender.getState() == Thread.State.TERMINATED || waitingInReserve(sender));
        assertThat(sender.getState()).as("the sender of message %d waits for the store", Journal.MAX_PENDING + 1)
                .isNotEqualTo(Thread.State.TERMINATED);
        assertThat(accepted.get()).as("messages accepted behind the held commit").isEqualTo(Journal.MAX_PENDING - 1);
        assertThat(waitingInReserve(sender)).isTrue();
        assertThat(store.appends).as("nothing else committed meanwhile").hasSize(1);
        assertThat(bobsLastId.get()).isZero();

        store.close(false);
        store.release(1);
        assertThat(sender.join(TIMEOUT)).as("the sender goes on once the commit returned").isTrue();
        await().atMost(TIMEOUT).until(() -> bobsLastId.get() == Journal.MAX_PENDING + 1);
        assertThat(bobsOutOfOrder.get()).isZero();
    }

    /** Whether {@code thread} is parked in {@link Journal#reserve}, not merely passing through it. */
    private static boolean waitingInReserve(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        return java.util.Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(Journal.class.getName()) && frame.getMethodName().equals("reserve"));
    }
}
