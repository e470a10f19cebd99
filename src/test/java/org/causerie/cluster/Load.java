package org.causerie.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The load of a fault test: members sending in one room at once, each on its own thread, and what the
 * test waits for (so many answered, all done, every member caught up with the store), then the check.
 */
final class Load implements AutoCloseable {
    private final List<Member> members;
    private final CountDownLatch done;
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    Load(List<Member> members) {
        this.members = List.copyOf(members);
        this.done = new CountDownLatch(members.size());
    }

    /** Connects every member (in this thread: a failure fails the test at once), then starts them talking. */
    Load start(int linesEach) {
        members.forEach(Member::connect);
        for (Member member : members) {
            Thread.ofVirtual().name("talk-" + member.name()).start(() -> {
                try {
                    member.talk(linesEach);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        return this;
    }

    int answered() {
        return members.stream().mapToInt(Member::answered).sum();
    }

    /** Waits until {@code count} lines in all have been answered since the start. */
    void awaitAnswered(int count, Duration limit) {
        Deadline.require(limit, count + " lines answered (at " + answered() + ")", () -> answered() >= count);
    }

    /** Waits until every member has sent all its lines. */
    void awaitDone(Duration limit) throws InterruptedException {
        if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the members did not finish within " + limit.toSeconds() + " s (" + answered() + " answered)");
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a member failed", failures.getFirst());
        }
    }

    /** Waits until every member has received the last event the store holds for the room. */
    void awaitConverged(String storeUrl, Duration limit) {
        try (var store = org.causerie.store.jdbc.PostgresStore.open(storeUrl)) {
            Deadline.require(limit, "every member caught up with the store", () -> {
                SortedMap<Long, String> stored = Stored.room(store, Member.ROOM);
                long last = stored.isEmpty() ? 0 : stored.lastKey();
                return members.stream().allMatch(member -> member.lastId() == last);
            });
        }
    }

    /**
     * Checks the run: the consistency checker over every member and the store, no line left unanswered on
     * a live connection, and no refused line in the store.
     */
    void verify(String storeUrl) {
        SortedMap<Long, String> stored = Stored.room(storeUrl, Member.ROOM);
        var checker = new Consistency().stored(Member.ROOM, stored);
        var problems = new ArrayList<String>();
        var texts = new HashSet<>(stored.values());
        for (Member member : members) {
            member.report(checker);
            member.unanswered().forEach(text -> problems.add(member.name() + "'s \"" + text + "\" got no answer"));
            member.refused().keySet().stream().filter(texts::contains)
                    .forEach(text -> problems.add(member.name() + "'s \"" + text + "\" was refused yet stored"));
        }
        problems.addAll(checker.violations());
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problems in " + stored.size() + " stored events:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(50, problems.size()))));
        }
    }

    @Override
    public void close() {
        members.forEach(Member::close);
    }
}
