package org.causerie.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.Entry.RoomMessage;

/** Messages to store and a way to run calls at the same moment, for the contract tests. */
final class Fixtures {
    private Fixtures() {}

    /** Now, at the precision the stores keep, so that what is read back equals what was written. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    static RoomMessage roomMessage(String room, long id) {
        return new RoomMessage(room, id, NOW.plusMillis(id), "alice", "line " + id + " of " + room, id % 5 == 0);
    }

    /** Room messages {@code from} to {@code to}, both included. */
    static List<RoomMessage> roomMessages(String room, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> roomMessage(room, id)).toList();
    }

    static PrivateMessage privateMessage(String conversation, long id, String from, String to) {
        return new PrivateMessage(conversation, id, NOW.plusMillis(id), from, to, from + " to " + to + ": " + id);
    }

    static List<Long> ids(List<? extends Entry> messages) {
        return messages.stream().map(m -> switch (m) {
            case RoomMessage r -> r.id();
            case PrivateMessage p -> p.id();
            case Entry.Offline o -> o.id();
            case Entry.RoomEvent e -> e.seq();
        }).toList();
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /**
     * Runs {@code task(0)} to {@code task(threads - 1)} on as many threads, released together, and
     * returns their results in that order. Fails if they take more than 30 seconds.
     */
    static <T> List<T> race(int threads, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var ready = new CountDownLatch(threads);
            var go = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.apply(n);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("threads ready").isTrue();
            go.countDown();
            var results = new ArrayList<T>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
