package org.causerie.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * A store that keeps everything in memory and nothing across restarts: for {@code --store memory}
 * (benchmarks, trials) and for unit tests that need no disk. One lock guards it all; it is held to the
 * same contract as the real stores.
 */
public final class MemoryStore implements Store {
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, RoomRecord> rooms = new HashMap<>();
    private final Map<String, TreeMap<Long, Entry.RoomMessage>> roomMessages = new HashMap<>();
    private final Map<String, TreeMap<Long, Entry.PrivateMessage>> privateMessages = new HashMap<>();
    private final Map<Long, List<Entry.Offline>> offline = new HashMap<>();
    private long nextAccountId = 1;

    @Override
    public synchronized Optional<Account> findAccount(String nick) {
        return Optional.ofNullable(accounts.get(Store.fold(nick)));
    }

    @Override
    public synchronized Optional<Account> createAccount(String nick, String passwordHash) {
        if (accounts.containsKey(Store.fold(nick))) {
            return Optional.empty();
        }
        var account = new Account(nextAccountId++, nick, passwordHash, Instant.now());
        accounts.put(Store.fold(nick), account);
        return Optional.of(account);
    }

    @Override
    public synchronized void updatePassword(long accountId, String passwordHash) {
        accounts.replaceAll((key, a) -> a.id() == accountId ? new Account(a.id(), a.nick(), passwordHash, a.created()) : a);
    }

    @Override
    public synchronized List<RoomRecord> rooms() {
        return new ArrayList<>(rooms.values());
    }

    @Override
    public synchronized void saveRoom(RoomRecord room) {
        if (accounts.values().stream().noneMatch(a -> a.id() == room.ownerAccountId())) {
            throw new StoreException("no account " + room.ownerAccountId() + " to own " + room.name(), null);
        }
        RoomRecord existing = rooms.get(Store.fold(room.name()));
        String name = existing == null ? room.name() : existing.name(); // the first spelling stays
        rooms.put(Store.fold(room.name()), new RoomRecord(name, room.ownerAccountId(), room.topic()));
    }

    @Override
    public synchronized void deleteRoom(String name) {
        rooms.remove(Store.fold(name));
    }

    @Override
    public synchronized void append(List<Entry> entries) {
        var batch = new java.util.HashSet<String>();
        for (Entry entry : entries) { // all or nothing: check every id before writing any
            boolean taken = switch (entry) {
                case Entry.RoomMessage m -> roomLog(m.room()).containsKey(m.id())
                        || !batch.add("r " + Store.fold(m.room()) + " " + m.id());
                case Entry.PrivateMessage p -> privateLog(p.conversation()).containsKey(p.id())
                        || !batch.add("p " + p.conversation() + " " + p.id());
                case Entry.Offline o -> false;
            };
            if (taken) {
                throw new StoreException("duplicate id in " + entry, null);
            }
        }
        for (Entry entry : entries) {
            switch (entry) {
                case Entry.RoomMessage m -> roomLog(m.room()).put(m.id(), m);
                case Entry.PrivateMessage p -> privateLog(p.conversation()).put(p.id(), p);
                case Entry.Offline o -> offline.computeIfAbsent(o.accountId(), k -> new ArrayList<>()).add(o);
            }
        }
    }

    @Override
    public synchronized long lastRoomId(String room) {
        var log = roomLog(room);
        return log.isEmpty() ? 0 : log.lastKey();
    }

    @Override
    public synchronized long lastPrivateId(String conversation) {
        var log = privateLog(conversation);
        return log.isEmpty() ? 0 : log.lastKey();
    }

    @Override
    public synchronized Page<Entry.RoomMessage> roomBefore(String room, long beforeId, int limit) {
        return before(roomLog(room), beforeId, limit);
    }

    @Override
    public synchronized Page<Entry.RoomMessage> roomAfter(String room, long afterId, int limit) {
        return after(roomLog(room), afterId, limit);
    }

    @Override
    public synchronized Page<Entry.PrivateMessage> privateBefore(String conversation, long beforeId, int limit) {
        return before(privateLog(conversation), beforeId, limit);
    }

    @Override
    public synchronized Page<Entry.PrivateMessage> privateAfter(String conversation, long afterId, int limit) {
        return after(privateLog(conversation), afterId, limit);
    }

    @Override
    public synchronized List<Entry.PrivateMessage> takeOffline(long accountId) {
        var taken = new ArrayList<Entry.PrivateMessage>();
        for (Entry.Offline mark : offline.getOrDefault(accountId, List.of())) {
            var message = privateLog(mark.conversation()).get(mark.id());
            if (message != null) {
                taken.add(message);
            }
        }
        offline.remove(accountId);
        return taken;
    }

    @Override
    public synchronized int prune(Retention retention) {
        if (retention.maxCount() != null && retention.maxCount() < 0) {
            throw new IllegalArgumentException("a retention count is not negative: " + retention.maxCount());
        }
        if (retention.keepsEverything()) {
            return 0;
        }
        var queued = new java.util.HashSet<String>();
        offline.values().forEach(marks -> marks.forEach(o -> queued.add(o.conversation() + "#" + o.id())));
        int pruned = 0;
        for (var log : roomMessages.values()) {
            pruned += prune(log, retention, m -> m.ts().toEpochMilli(), m -> false);
        }
        for (var log : privateMessages.values()) { // a message still waiting for its recipient stays
            pruned += prune(log, retention, p -> p.ts().toEpochMilli(),
                    p -> queued.contains(p.conversation() + "#" + p.id()));
        }
        return pruned;
    }

    @Override
    public void close() {}

    private static <T> int prune(TreeMap<Long, T> log, Retention retention, ToLongFunction<T> millis,
            java.util.function.Predicate<T> pinned) {
        int before = log.size();
        long now = System.currentTimeMillis();
        long oldest = retention.maxAge() == null || retention.maxAge().getSeconds() > now / 1000 ? Long.MIN_VALUE
                : now - retention.maxAge().toMillis();
        long excess = retention.maxCount() == null ? 0 : log.size() - retention.maxCount();
        var it = log.values().iterator(); // oldest first
        while (it.hasNext()) {
            T message = it.next();
            boolean tooOld = millis.applyAsLong(message) < oldest;
            if ((tooOld || excess > 0) && !pinned.test(message)) {
                it.remove();
            }
            excess--;
        }
        return before - log.size();
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a page limit is not negative: " + limit);
        }
    }

    private static <T> Page<T> before(TreeMap<Long, T> log, long beforeId, int limit) {
        checkLimit(limit);
        var newestFirst = new ArrayList<T>();
        for (T message : log.headMap(beforeId, false).descendingMap().values()) {
            if (newestFirst.size() == limit) {
                break;
            }
            newestFirst.add(message);
        }
        return new Page<>(newestFirst.reversed(), log.isEmpty() ? 0 : log.firstKey());
    }

    private static <T> Page<T> after(TreeMap<Long, T> log, long afterId, int limit) {
        checkLimit(limit);
        var messages = new ArrayList<T>();
        for (T message : log.tailMap(afterId, false).values()) {
            if (messages.size() == limit) {
                break;
            }
            messages.add(message);
        }
        return new Page<>(messages, log.isEmpty() ? 0 : log.firstKey());
    }

    private TreeMap<Long, Entry.RoomMessage> roomLog(String room) {
        return roomMessages.computeIfAbsent(Store.fold(room), k -> new TreeMap<>());
    }

    private TreeMap<Long, Entry.PrivateMessage> privateLog(String conversation) {
        return privateMessages.computeIfAbsent(conversation, k -> new TreeMap<>());
    }
}
