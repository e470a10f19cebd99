package org.causerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.causerie.event.Envelope;
import org.causerie.event.Event;
import org.causerie.chat.Wakeups;
import org.causerie.protocol.Format;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox over a real loopback socket pair: its writer on demand, its batches of wake-ups, its end. */
class OutboxTest {
    private static final long DEADLINE_MILLIS = 10_000;

    private ServerSocket listener;
    private Socket serverSide;
    private Socket clientSide;
    private BufferedReader peer;
    private final AtomicInteger overflows = new AtomicInteger();
    private final AtomicInteger breaks = new AtomicInteger();

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        clientSide = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        serverSide = listener.accept();
        clientSide.setSoTimeout((int) DEADLINE_MILLIS);
        peer = new BufferedReader(new InputStreamReader(clientSide.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() throws IOException {
        clientSide.close();
        serverSide.close();
        listener.close();
    }

    private Outbox outbox(int capacity) throws IOException {
        var outbox = new Outbox(capacity, overflows::incrementAndGet, breaks::incrementAndGet, reason -> { });
        outbox.open(serverSide.getOutputStream());
        return outbox;
    }

    private static Envelope notice(String text) {
        return new Envelope(new Event.Notice(text));
    }

    private List<String> read(int lines) throws IOException {
        var got = new ArrayList<String>();
        for (int i = 0; i < lines; i++) {
            got.add(peer.readLine());
        }
        return got;
    }

    @Test
    void anEventToAnIdleOutboxIsWrittenWithoutABatch() throws IOException {
        var outbox = outbox(16);
        outbox.send(notice("hello"));
        assertThat(peer.readLine()).isEqualTo("- hello");
    }

    @Test
    void anOutboxWithNothingToWriteHoldsNoQueue() throws Exception {
        var outbox = outbox(20_000);
        assertThat(outbox.holdsQueue()).as("made idle").isFalse();
        // A first batch of 16 MB, more than loopback's socket buffers hold, that the peer does not read
        // yet keeps the writer in its write, so the second is queued meanwhile: the writer takes two
        // batches and swaps its two queues.
        serverSide.setSendBufferSize(8192);
        String kilobyte = "x".repeat(1_000);
        Wakeups.open(() -> {
            for (int i = 0; i < 16_000; i++) {
                outbox.send(notice(kilobyte));
            }
            return null;
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(DEADLINE_MILLIS))
                .until(() -> !outbox.holdsQueue()); // the writer has taken the first batch
        Wakeups.open(() -> {
            for (int i = 0; i < 10; i++) {
                outbox.send(notice("line " + i));
            }
            return null;
        });
        assertThat(read(16_010)).last().isEqualTo("- line 9");
        assertThat(outbox.awaitDrained(DEADLINE_MILLIS)).as("the writer ended").isTrue();
        assertThat(outbox.holdsQueue()).as("idle again after two batches").isFalse();
    }

    @Test
    void aBatchWakesTheWriterWhenItIsFlushedAndEverythingArrivesInOrder() throws Exception {
        var outbox = outbox(1_000);
        var queued = new CountDownLatch(1);
        var flush = new CountDownLatch(1);
        Thread sender = Thread.ofVirtual().start(() -> Wakeups.open(() -> {
            for (int i = 0; i < 100; i++) {
                outbox.send(notice("line " + i));
            }
            queued.countDown();
            await(flush);
        }));
        assertThat(queued.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(clientSide.getInputStream().available()).isZero(); // nothing yet: the batch is open
        flush.countDown(); // the batch closes, and its flush starts the writer
        var expected = new ArrayList<String>();
        for (int i = 0; i < 100; i++) {
            expected.add("- line " + i);
        }
        assertThat(read(100)).isEqualTo(expected);
        sender.join(DEADLINE_MILLIS);
    }

    @Test
    void aFormatSwitchAppliesFromItsPlaceInTheQueue() throws IOException {
        var outbox = outbox(16);
        Wakeups.open(() -> {
            outbox.send(notice("before"));
            outbox.codec(Format.JSON);
            outbox.send(notice("after"));
        });
        assertThat(read(2)).containsExactly("- before", "{\"type\":\"notice\",\"text\":\"after\"}");
    }

    @Test
    void theOwnerWaitingForSpaceStartsItsWriterEvenIfAnotherThreadHoldsTheWakeUp() throws Exception {
        var outbox = outbox(4);
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // another thread's batch asks for this outbox's writer and does not flush for now
        Thread other = Thread.ofVirtual().start(() -> Wakeups.open(() -> {
            for (int i = 0; i < 4; i++) {
                outbox.send(notice("queued " + i));
            }
            held.countDown();
            await(release);
        }));
        assertThat(held.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        Thread owner = Thread.ofVirtual().start(() -> {
            try {
                outbox.awaitSpace(); // more than half full: must start the writer itself, not wait for the batch
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(read(4)).containsExactly("- queued 0", "- queued 1", "- queued 2", "- queued 3");
        assertThat(owner.join(java.time.Duration.ofMillis(DEADLINE_MILLIS))).isTrue();
        release.countDown();
        other.join(DEADLINE_MILLIS);
    }

    /**
     * The one-writer guard ({@code started}): the peer reads nothing, so the writer blocks inside a
     * socket write in the middle of a batch; the owner keeps sending and waits for space, and its
     * {@code awaitSpace} calls {@code start} while that writer runs. A second writer would take the
     * queue and write it beside the first. The stream is watched for two writes at once, and every
     * line must arrive whole and in queue order once the peer reads.
     */
    @Test
    void theOwnerWaitingForSpaceWhileTheWriterIsBlockedMidBatchNeverStartsASecondWriter() throws Exception {
        int lines = 400;
        String filler = "x".repeat(2_000); // 400 lines of 2 KB: far more than both sockets' buffers
        var inside = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var outbox = new Outbox(8, overflows::incrementAndGet, breaks::incrementAndGet, reason -> { });
        var socket = serverSide.getOutputStream();
        outbox.open(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    socket.write(bytes, offset, length);
                } finally {
                    inside.decrementAndGet();
                }
            }
        });
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread owner = Thread.ofPlatform().name("owner").start(() -> {
            try {
                for (int i = 0; i < lines; i++) {
                    outbox.send(notice(i + " " + filler));
                    outbox.awaitSpace();
                }
                outbox.finish();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        // Read nothing until the owner is parked waiting for space (the writer blocked mid-batch), or
        // has sent everything (which only a second writer taking the queue lets it do).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(DEADLINE_MILLIS))
                .until(() -> owner.getState() == Thread.State.TERMINATED || parkedInAwaitSpace(owner));
        for (int i = 0; i < lines; i++) {
            String line = peer.readLine();
            assertThat(line).withFailMessage("line %d whole and in order, got: %.30s…", i, line)
                    .isEqualTo("- " + i + " " + filler);
        }
        owner.join(DEADLINE_MILLIS);
        assertThat(owner.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(outbox.awaitDrained(DEADLINE_MILLIS)).isTrue();
        assertThat(mostAtOnce.get()).as("writers in a socket write at once").isEqualTo(1);
        assertThat(overflows.get()).isZero();
    }

    private static boolean parkedInAwaitSpace(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        boolean inAwaitSpace = false;
        boolean onCondition = false;
        for (StackTraceElement frame : thread.getStackTrace()) {
            inAwaitSpace |= frame.getMethodName().equals("awaitSpace");
            onCondition |= frame.getClassName().endsWith("ConditionObject") && frame.getMethodName().equals("await");
        }
        return inAwaitSpace && onCondition;
    }

    /**
     * A busy writer keeps its queue's array from one batch to the next and borrows a copy buffer per
     * batch from pools by size: a batch larger than the first (more events than the first queue's 32,
     * more bytes than the first batch's buffer), then a smaller one (into a buffer that may hold an
     * earlier batch's bytes), must each reach the peer whole and in order, with nothing of an earlier
     * batch written again. Each write waits at a gate, so that the next batch
     * is queued while the writer is inside the previous one.
     */
    @Test
    void aWritersLaterBatchesLargerThenSmallerAreWrittenWholeAndInOrder() throws Exception {
        var entered = new java.util.concurrent.Semaphore(0);
        var gate = new java.util.concurrent.Semaphore(0);
        var socket = serverSide.getOutputStream();
        var outbox = new Outbox(1_000, overflows::incrementAndGet, breaks::incrementAndGet, reason -> { });
        outbox.open(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                entered.release();
                gate.acquireUninterruptibly();
                socket.write(bytes, offset, length);
            }
        });
        String kilobyte = "x".repeat(1_000);
        var expected = new ArrayList<String>();
        Wakeups.open(() -> {
            for (int i = 0; i < 2; i++) {
                outbox.send(notice("a" + i));
                expected.add("- a" + i);
            }
        });
        assertThat(entered.tryAcquire(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).as("in the first write").isTrue();
        Wakeups.open(() -> {
            for (int i = 0; i < 50; i++) { // 50 KB: one write (below 64 KB), a queue grown past 64 slots
                outbox.send(notice("b" + i + " " + kilobyte));
                expected.add("- b" + i + " " + kilobyte);
            }
        });
        gate.release();
        assertThat(entered.tryAcquire(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).as("in the second write").isTrue();
        Wakeups.open(() -> {
            for (int i = 0; i < 3; i++) {
                outbox.send(notice("c" + i));
                expected.add("- c" + i);
            }
        });
        gate.release();
        assertThat(entered.tryAcquire(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)).as("in the third write").isTrue();
        Wakeups.open(() -> { // 150 KB: more than the largest buffer, written in parts, the 70 KB line by itself
            for (String text : List.of("d0", "d1 " + "y".repeat(40_000), "d2 " + "z".repeat(40_000),
                    "d3 " + "w".repeat(70_000), "d4")) {
                outbox.send(notice(text));
                expected.add("- " + text);
            }
        });
        gate.release(1_000);
        assertThat(read(expected.size())).isEqualTo(expected);
        assertThat(outbox.awaitDrained(DEADLINE_MILLIS)).isTrue();
        serverSide.shutdownOutput();
        assertThat(peer.readLine()).as("nothing written twice").isNull();
        assertThat(overflows.get()).isZero();
    }

    @Test
    void aFullQueueIsDroppedAndReportedOnce() throws IOException {
        var outbox = outbox(3);
        Wakeups.open(() -> {
            for (int i = 0; i < 10; i++) {
                outbox.send(notice("x" + i));
            }
            assertThat(outbox.overflowed()).isTrue();
        });
        assertThat(overflows).hasValue(1);
    }

    @Test
    void finishWritesWhatIsQueuedThenReportsItDrained() throws Exception {
        var outbox = outbox(16);
        Wakeups.open(() -> {
            outbox.send(notice("last words"));
            outbox.finish(); // starts the writer itself, though the batch is still open
            outbox.send(notice("too late"));
            try {
                assertThat(outbox.awaitDrained(DEADLINE_MILLIS)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        serverSide.shutdownOutput();
        assertThat(peer.readLine()).isEqualTo("- last words");
        assertThat(peer.readLine()).isNull();
    }

    @Test
    void aPeerThatCannotBeWrittenToEndsTheWriterAndIsReported() throws Exception {
        var outbox = outbox(16);
        serverSide.close();
        outbox.send(notice("into the void"));
        outbox.finish();
        assertThat(outbox.awaitDrained(DEADLINE_MILLIS)).isTrue();
        assertThat(breaks).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
