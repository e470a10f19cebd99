package org.causerie.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A store that keeps everything in memory and nothing across restarts: for {@code --store memory}
 * (benchmarks, trials) and for unit tests that need no disk. It is held to the same contract as the
 * real stores.
 *
 * <p>Locks: the messages of each room and of each conversation are a {@link Log} with a lock of its
 * own, so appends to different rooms and conversations do not wait for each other. An append takes the
 * locks of the logs it writes in the order the logs were made (two appends never wait for each other in
 * a circle), checks and writes under them, and lets go: all or nothing, with no per-message key to build.
 * Accounts, operators, tokens and room records, which change seldom, are guarded by the store's
 * monitor, the offline queue by its map's monitor. Order: logs by rank, then the offline queue; the store's monitor is taken alone.
 * Nothing else is locked under any of them, so for the rest of the server they are leaves (with the
 * memory journal, an append runs under a room lock or a conversation's monitor).
 */
public class MemoryStore implements Store {
    private static final Comparator<Log<?>> LOCK_ORDER = Comparator.comparingLong(log -> log.rank);

    /** Folded nick → account; guarded by this store's monitor, as are {@link #rooms} and {@link #nextAccountId}. */
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, RoomRecord> rooms = new HashMap<>();
    private long nextAccountId = 1;
    /** Folded nicks of the operators' accounts; guarded by this store's monitor, as is {@link #tokens}. */
    private final java.util.Set<String> operators = new java.util.HashSet<>();
    /** Token hash → its account and expiry. */
    private final Map<String, Token> tokens = new HashMap<>();

    private record Token(long accountId, Instant expires) {}
    /** Folded room name → its moderation state; guarded by this store's monitor, as are the two below. */
    private final Map<String, RoomState> roomStates = new HashMap<>();
    /** "kind folded-target" → ban, in the order set. */
    private final Map<String, ServerBan> serverBans = new java.util.LinkedHashMap<>();
    /** Account id → its block list, in the order added. */
    private final Map<Long, List<Ignore>> ignores = new HashMap<>();
    /** Folded room name → its messages. */
    private final ConcurrentHashMap<String, Log<Entry.RoomMessage>> roomLogs = new ConcurrentHashMap<>();
    /**
     * Folded room name → its sequence in a cluster: place → message or event. A message kept here is
     * shown only while its room log still has it (deleted or pruned otherwise).
     */
    private final ConcurrentHashMap<String, java.util.concurrent.ConcurrentSkipListMap<Long, Entry>> sequences =
            new ConcurrentHashMap<>();
    /** Conversation → its messages. */
    private final ConcurrentHashMap<String, Log<Entry.PrivateMessage>> privateLogs = new ConcurrentHashMap<>();
    /** Account id → the marks of the messages kept for its next login, in the order they were sent; guarded by itself. */
    private final Map<Long, List<Entry.Offline>> offline = new HashMap<>();
    private final AtomicLong logsMade = new AtomicLong();

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
    public synchronized List<String> operators() {
        return operators.stream().sorted().map(key -> accounts.get(key).nick()).toList();
    }

    @Override
    public synchronized Account setOperator(String nick, String passwordHash) {
        String key = Store.fold(nick);
        Account existing = accounts.get(key);
        Account account = existing == null ? new Account(nextAccountId++, nick, passwordHash, Instant.now())
                : new Account(existing.id(), existing.nick(), passwordHash, existing.created());
        accounts.put(key, account);
        operators.add(key);
        tokens.values().removeIf(token -> token.accountId() == account.id());
        return account;
    }

    @Override
    public synchronized boolean removeOperator(String nick) {
        return operators.remove(Store.fold(nick));
    }

    @Override
    public synchronized void saveToken(String tokenHash, long accountId, Instant expires) {
        if (accounts.values().stream().noneMatch(a -> a.id() == accountId)) {
            throw new StoreException("no account " + accountId + " for a token", null);
        }
        if (tokens.containsKey(tokenHash)) {
            throw new StoreException("a token with this hash exists", null);
        }
        Instant now = Instant.now();
        tokens.values().removeIf(token -> !token.expires().isAfter(now));
        tokens.put(tokenHash, new Token(accountId, Instant.ofEpochMilli(expires.toEpochMilli())));
    }

    @Override
    public synchronized Optional<Account> findToken(String tokenHash, Instant now) {
        Token token = tokens.get(tokenHash);
        if (token == null || !token.expires().isAfter(now)) {
            return Optional.empty();
        }
        return accounts.values().stream().filter(a -> a.id() == token.accountId()).findFirst();
    }

    @Override
    public synchronized boolean deleteToken(String tokenHash) {
        return tokens.remove(tokenHash) != null;
    }

    @Override
    public synchronized int deleteTokens(long accountId) {
        int before = tokens.size();
        tokens.values().removeIf(token -> token.accountId() == accountId);
        return before - tokens.size();
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
        roomStates.remove(Store.fold(name));
    }

    @Override
    public synchronized Optional<RoomState> roomState(String name) {
        return Optional.ofNullable(roomStates.get(Store.fold(name)));
    }

    @Override
    public synchronized void saveRoomState(RoomState state) {
        RoomState existing = roomStates.get(Store.fold(state.name()));
        String name = existing == null ? state.name() : existing.name();
        roomStates.put(Store.fold(name), new RoomState(name, state.inviteOnly(), state.topicLocked(), state.moderated(),
                state.key(), state.operators(), state.voiced(), state.invited(), state.bans()));
    }

    @Override
    public boolean deleteRoomMessage(String room, long id) {
        Log<Entry.RoomMessage> log = roomLogs.get(Store.fold(room));
        if (log == null) {
            return false;
        }
        log.lock.lock();
        try {
            return log.messages.remove(id) != null;
        } finally {
            log.lock.unlock();
        }
    }

    @Override
    public int deleteMessagesFrom(String sender, String room) {
        String who = Store.fold(sender);
        int deleted = 0;
        for (var entry : roomLogs.entrySet()) {
            if (room == null || entry.getKey().equals(Store.fold(room))) {
                deleted += entry.getValue().removeIf(m -> Store.fold(m.from()).equals(who));
            }
        }
        if (room != null) {
            return deleted;
        }
        var gone = new java.util.HashSet<String>(); // "conversation id" of the private messages deleted
        for (var log : privateLogs.values()) {
            deleted += log.removeIf(p -> Store.fold(p.from()).equals(who) && gone.add(p.conversation() + " " + p.id()));
        }
        synchronized (offline) { // their marks go with them
            offline.values().forEach(marks -> marks.removeIf(m -> gone.contains(m.conversation() + " " + m.id())));
        }
        return deleted;
    }

    @Override
    public synchronized List<ServerBan> serverBans() {
        return new ArrayList<>(serverBans.values());
    }

    @Override
    public synchronized void saveServerBan(ServerBan ban) {
        serverBans.remove(banKey(ban.kind(), ban.target())); // a replaced ban goes to the end, as a new one
        serverBans.put(banKey(ban.kind(), ban.target()), ban);
    }

    @Override
    public synchronized boolean deleteServerBan(ServerBan.Kind kind, String target) {
        return serverBans.remove(banKey(kind, target)) != null;
    }

    private static String banKey(ServerBan.Kind kind, String target) {
        return kind + " " + Store.fold(target);
    }

    @Override
    public synchronized List<Ignore> ignores(long accountId) {
        return List.copyOf(ignores.getOrDefault(accountId, List.of()));
    }

    @Override
    public synchronized boolean ignore(long accountId, Ignore ignore) {
        List<Ignore> list = ignores.computeIfAbsent(accountId, id -> new ArrayList<>());
        if (list.stream().anyMatch(i -> i.identity().equals(ignore.identity()))) {
            return false;
        }
        return list.add(ignore);
    }

    @Override
    public synchronized boolean unignore(long accountId, String identity) {
        List<Ignore> list = ignores.get(accountId);
        return list != null && list.removeIf(i -> i.identity().equals(identity));
    }

    @Override
    public void append(List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) { // a loop, not a stream: this is a single node's hot path
            if (entries.get(i) instanceof Entry.RoomEvent || entries.get(i) instanceof Entry.RoomMessage m && m.seq() > 0) {
                appendSequenced(entries);
                return;
            }
        }
        var logs = new Log<?>[entries.size()]; // the log each entry goes to
        for (int i = 0; i < logs.length; i++) {
            logs[i] = switch (entries.get(i)) {
                case Entry.RoomMessage m -> roomLogs.computeIfAbsent(Store.fold(m.room()), this::log);
                case Entry.PrivateMessage p -> privateLogs.computeIfAbsent(p.conversation(), this::log);
                case Entry.Offline o -> privateLogs.computeIfAbsent(o.conversation(), this::log);
                case Entry.RoomEvent e -> throw new IllegalStateException("an event goes to its room's sequence");
            };
        }
        Log<?>[] ordered = logs.clone();
        Arrays.sort(ordered, LOCK_ORDER);
        for (Log<?> log : ordered) {
            log.lock.lock(); // a log met twice is locked twice: the lock is reentrant
        }
        try {
            write(entries, logs);
        } finally {
            for (Log<?> log : ordered) {
                log.lock.unlock();
            }
        }
    }

    /** {@link #append} of a cluster's entries: the messages as usual, then every place of a room sequence. */
    private synchronized void appendSequenced(List<Entry> entries) {
        append(entries.stream().filter(e -> !(e instanceof Entry.RoomEvent))
                .map(e -> e instanceof Entry.RoomMessage m ? new Entry.RoomMessage(m.room(), m.id(), m.ts(), m.from(),
                        m.text(), m.action()) : e).toList());
        for (Entry entry : entries) {
            switch (entry) {
                case Entry.RoomMessage m when m.seq() > 0 -> sequence(m.room()).put(m.seq(), m);
                case Entry.RoomEvent e -> sequence(e.room()).put(e.seq(), e);
                default -> { }
            }
        }
    }

    private java.util.concurrent.ConcurrentSkipListMap<Long, Entry> sequence(String room) {
        return sequences.computeIfAbsent(Store.fold(room), k -> new java.util.concurrent.ConcurrentSkipListMap<>());
    }

    @Override
    public String roomTopicAt(String room, long atSeq) {
        var sequence = sequences.get(Store.fold(room));
        if (sequence != null) {
            for (Entry entry : sequence.headMap(atSeq, true).descendingMap().values()) {
                if (entry instanceof Entry.RoomEvent e && e.kind() == TOPIC) {
                    return e.text();
                }
            }
        }
        return null;
    }

    /** The kind code of a topic change among room events (the bus's {@code TOPIC}). */
    private static final int TOPIC = 7;
    /** The kind code of a mode change among room events (the bus's {@code MODE}). */
    private static final int MODE = 8;

    @Override
    public List<Entry.RoomEvent> roomModesAt(String room, long atSeq, int limit) {
        checkLimit(limit);
        var sequence = sequences.get(Store.fold(room));
        var newestFirst = new ArrayList<Entry.RoomEvent>();
        if (sequence != null) {
            for (Entry entry : sequence.headMap(atSeq, true).descendingMap().values()) {
                if (newestFirst.size() == limit) {
                    break;
                }
                if (entry instanceof Entry.RoomEvent e && e.kind() == MODE) {
                    newestFirst.add(e);
                }
            }
        }
        return newestFirst.reversed();
    }

    @Override
    public long lastRoomSeq(String room) {
        var sequence = sequences.get(Store.fold(room));
        return sequence == null || sequence.isEmpty() ? 0 : sequence.lastKey();
    }

    @Override
    public List<Entry> roomSince(String room, long afterSeq, int limit) {
        checkLimit(limit);
        var sequence = sequences.get(Store.fold(room));
        var page = new ArrayList<Entry>();
        if (sequence == null) {
            return page;
        }
        Log<Entry.RoomMessage> log = roomLogs.get(Store.fold(room));
        for (Entry entry : sequence.tailMap(afterSeq, false).values()) {
            if (page.size() == limit) {
                break;
            }
            if (entry instanceof Entry.RoomMessage m && (log == null || !log.has(m.id()))) {
                continue; // deleted or pruned
            }
            page.add(entry);
        }
        return page;
    }

    /**
     * Adds the messages, taking back those added if an id is taken, then queues the marks, each after
     * its message: a reader who finds a mark finds its message. Call with every log locked.
     */
    private void write(List<Entry> entries, Log<?>[] logs) {
        for (int i = 0; i < logs.length; i++) {
            Entry entry = entries.get(i);
            if (!(entry instanceof Entry.Offline) && !logs[i].add(id(entry), entry)) {
                for (int j = 0; j < i; j++) {
                    if (!(entries.get(j) instanceof Entry.Offline)) {
                        logs[j].messages.remove(id(entries.get(j)));
                    }
                }
                throw new StoreException("duplicate id in " + entry, null);
            }
        }
        for (int i = 0; i < logs.length; i++) {
            if (entries.get(i) instanceof Entry.Offline mark) {
                logs[i].queued.merge(mark.id(), 1, Integer::sum);
                synchronized (offline) {
                    offline.computeIfAbsent(mark.accountId(), k -> new ArrayList<>()).add(mark);
                }
            }
        }
    }

    @Override
    public long lastRoomId(String room) {
        return last(roomLogs.get(Store.fold(room)));
    }

    @Override
    public long lastPrivateId(String conversation) {
        return last(privateLogs.get(conversation));
    }

    @Override
    public Page<Entry.RoomMessage> roomBefore(String room, long beforeId, int limit) {
        return before(roomLogs.get(Store.fold(room)), beforeId, limit);
    }

    @Override
    public Page<Entry.RoomMessage> roomAfter(String room, long afterId, int limit) {
        return after(roomLogs.get(Store.fold(room)), afterId, limit);
    }

    @Override
    public Page<Entry.PrivateMessage> privateBefore(String conversation, long beforeId, int limit) {
        return before(privateLogs.get(conversation), beforeId, limit);
    }

    @Override
    public List<Active> activeConversations(String identity, java.time.Instant after, java.time.Instant upTo, int limit) {
        var found = new ArrayList<Active>();
        privateLogs.forEach((key, log) -> {
            String[] sides = key.split(" ");
            if (!sides[0].equals(identity) && !(sides.length > 1 && sides[1].equals(identity))) {
                return;
            }
            log.lock.lock();
            try {
                java.time.Instant last = null;
                for (Entry.PrivateMessage m : log.messages.values()) {
                    if (m.ts().isAfter(after) && !m.ts().isAfter(upTo) && (last == null || m.ts().isAfter(last))) {
                        last = m.ts();
                    }
                }
                if (last != null) {
                    found.add(new Active(key, last));
                }
            } finally {
                log.lock.unlock();
            }
        });
        found.sort(java.util.Comparator.comparing(Active::last).reversed());
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public Page<Entry.PrivateMessage> privateAfter(String conversation, long afterId, int limit) {
        return after(privateLogs.get(conversation), afterId, limit);
    }

    @Override
    public List<Entry.PrivateMessage> takeOffline(long accountId) {
        List<Entry.Offline> marks;
        synchronized (offline) { // whoever removes the marks hands their messages out, once
            marks = offline.remove(accountId);
        }
        var taken = new ArrayList<Entry.PrivateMessage>();
        for (Entry.Offline mark : marks == null ? List.<Entry.Offline>of() : marks) {
            Log<Entry.PrivateMessage> log = privateLogs.get(mark.conversation()); // made by the mark's append
            log.lock.lock();
            try {
                Entry.PrivateMessage message = log.messages.get(mark.id());
                if (message != null) {
                    taken.add(message);
                }
                log.queued.computeIfPresent(mark.id(), (id, marked) -> marked == 1 ? null : marked - 1);
            } finally {
                log.lock.unlock();
            }
        }
        return taken;
    }

    @Override
    public int prune(Retention retention) {
        if (retention.maxCount() != null && retention.maxCount() < 0) {
            throw new IllegalArgumentException("a retention count is not negative: " + retention.maxCount());
        }
        if (retention.keepsEverything()) {
            return 0;
        }
        int pruned = 0;
        for (var log : roomLogs.values()) {
            pruned += log.prune(retention, m -> m.ts().toEpochMilli());
        }
        for (var log : privateLogs.values()) {
            pruned += log.prune(retention, p -> p.ts().toEpochMilli());
        }
        return pruned;
    }

    @Override
    public void close() {}

    private <T> Log<T> log(String key) {
        return new Log<>(logsMade.incrementAndGet());
    }

    private static long id(Entry entry) {
        return switch (entry) {
            case Entry.RoomMessage m -> m.id();
            case Entry.PrivateMessage p -> p.id();
            case Entry.Offline o -> o.id();
            case Entry.RoomEvent e -> e.seq();
        };
    }

    private static long last(Log<?> log) {
        if (log == null) {
            return 0;
        }
        log.lock.lock();
        try {
            return log.messages.isEmpty() ? 0 : log.messages.lastKey();
        } finally {
            log.lock.unlock();
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a page limit is not negative: " + limit);
        }
    }

    private static <T> Page<T> before(Log<T> log, long beforeId, int limit) {
        checkLimit(limit);
        if (log == null) {
            return new Page<>(List.of(), 0);
        }
        log.lock.lock();
        try {
            var newestFirst = new ArrayList<T>();
            for (T message : log.messages.headMap(beforeId, false).descendingMap().values()) {
                if (newestFirst.size() == limit) {
                    break;
                }
                newestFirst.add(message);
            }
            return new Page<>(newestFirst.reversed(), log.firstId());
        } finally {
            log.lock.unlock();
        }
    }

    private static <T> Page<T> after(Log<T> log, long afterId, int limit) {
        checkLimit(limit);
        if (log == null) {
            return new Page<>(List.of(), 0);
        }
        log.lock.lock();
        try {
            var messages = new ArrayList<T>();
            for (T message : log.messages.tailMap(afterId, false).values()) {
                if (messages.size() == limit) {
                    break;
                }
                messages.add(message);
            }
            return new Page<>(messages, log.firstId());
        } finally {
            log.lock.unlock();
        }
    }

    /** The messages of one room or conversation, by id; everything in it is guarded by {@link #lock}. */
    private static final class Log<T> {
        /** Where this log's lock comes when an append takes several: the order the logs were made. */
        final long rank;
        final ReentrantLock lock = new ReentrantLock();
        final TreeMap<Long, T> messages = new TreeMap<>();
        /** Id → how many offline marks wait for that message: pruning keeps it until they are taken. */
        final Map<Long, Integer> queued = new HashMap<>();

        Log(long rank) {
            this.rank = rank;
        }

        /** Adds {@code message} unless the id is taken; the entry is of this log's kind. */
        @SuppressWarnings("unchecked")
        boolean add(long id, Entry message) {
            return messages.putIfAbsent(id, (T) message) == null;
        }

        long firstId() {
            return messages.isEmpty() ? 0 : messages.firstKey();
        }

        boolean has(long id) {
            lock.lock();
            try {
                return messages.containsKey(id);
            } finally {
                lock.unlock();
            }
        }

        /** Deletes the messages that match, queued or not (the caller drops their marks); returns how many. */
        int removeIf(java.util.function.Predicate<T> doomed) {
            lock.lock();
            try {
                int before = messages.size();
                messages.values().removeIf(doomed);
                return before - messages.size();
            } finally {
                lock.unlock();
            }
        }

        /** Deletes, oldest first, what {@code retention} does not keep, but messages still queued. */
        int prune(Retention retention, ToLongFunction<T> millis) {
            lock.lock();
            try {
                int before = messages.size();
                long now = System.currentTimeMillis();
                long oldest = retention.maxAge() == null || retention.maxAge().getSeconds() > now / 1000
                        ? Long.MIN_VALUE : now - retention.maxAge().toMillis();
                long excess = retention.maxCount() == null ? 0 : messages.size() - retention.maxCount();
                var it = messages.entrySet().iterator();
                while (it.hasNext()) {
                    var message = it.next();
                    boolean tooOld = millis.applyAsLong(message.getValue()) < oldest;
                    if ((tooOld || excess > 0) && !queued.containsKey(message.getKey())) {
                        it.remove();
                    }
                    excess--;
                }
                return before - messages.size();
            } finally {
                lock.unlock();
            }
        }
    }
}
