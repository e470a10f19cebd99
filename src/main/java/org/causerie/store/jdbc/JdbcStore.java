package org.causerie.store.jdbc;

import static org.causerie.store.jdbc.Database.number;
import static org.causerie.store.jdbc.Database.query;
import static org.causerie.store.jdbc.Database.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.causerie.store.Account;
import org.causerie.store.Entry;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.Entry.RoomMessage;
import org.causerie.store.Page;
import org.causerie.store.Retention;
import org.causerie.store.RoomRecord;
import org.causerie.store.RoomState;
import org.causerie.store.ServerBan;
import org.causerie.store.Ignore;
import org.causerie.store.Store;

/**
 * The store in the SQL that SQLite and PostgreSQL agree on; a subclass opens the database and
 * supplies what differs, {@link #takeOffline}. Names are looked up by their folded key
 * ({@link Store#fold}), computed here, never by a case-insensitive comparison in SQL.
 */
abstract sealed class JdbcStore implements Store permits SqliteStore, PostgresStore {

    final Database database;

    JdbcStore(Database database) {
        this.database = database;
    }

    // Accounts

    @Override
    public Optional<Account> findAccount(String nick) {
        return database.read("findAccount", c -> query(c, Sql.FIND_ACCOUNT, Rows::account, Store.fold(nick)))
                .stream().findFirst();
    }

    /**
     * The unique key on nick_key decides, not a look-up first: of registrations racing for one
     * nickname, the database lets exactly one insert its row, and the others' DO NOTHING returns none.
     */
    @Override
    public Optional<Account> createAccount(String nick, String passwordHash) {
        long created = System.currentTimeMillis();
        List<Long> ids = database.write("createAccount", c -> query(c, Sql.CREATE_ACCOUNT, row -> row.getLong(1),
                nick, Store.fold(nick), passwordHash, created));
        return ids.stream().findFirst()
                .map(id -> new Account(id, nick, passwordHash, Instant.ofEpochMilli(created)));
    }

    @Override
    public void updatePassword(long accountId, String passwordHash) {
        database.write("updatePassword", c -> update(c, Sql.UPDATE_PASSWORD, passwordHash, accountId));
    }

    // Operators

    @Override
    public List<String> operators() {
        return database.read("operators", c -> query(c, Sql.OPERATORS, row -> row.getString(1)));
    }

    @Override
    public Account setOperator(String nick, String passwordHash) {
        return database.write("setOperator", c -> {
            Account account = query(c, Sql.SET_OPERATOR, Rows::account, nick, Store.fold(nick), passwordHash,
                    System.currentTimeMillis()).getFirst();
            update(c, Sql.DELETE_TOKENS, account.id());
            return account;
        });
    }

    @Override
    public boolean removeOperator(String nick) {
        return database.write("removeOperator", c -> update(c, Sql.REMOVE_OPERATOR, Store.fold(nick))) > 0;
    }

    // Session tokens

    @Override
    public void saveToken(String tokenHash, long accountId, Instant expires) {
        database.write("saveToken", c -> {
            update(c, Sql.DELETE_EXPIRED_TOKENS, System.currentTimeMillis());
            return update(c, Sql.SAVE_TOKEN, tokenHash, accountId, Rows.millis(expires));
        });
    }

    @Override
    public Optional<Account> findToken(String tokenHash, Instant now) {
        return database.read("findToken", c -> query(c, Sql.FIND_TOKEN, Rows::account, tokenHash, Rows.millis(now)))
                .stream().findFirst();
    }

    @Override
    public boolean deleteToken(String tokenHash) {
        return database.write("deleteToken", c -> update(c, Sql.DELETE_TOKEN, tokenHash)) > 0;
    }

    @Override
    public int deleteTokens(long accountId) {
        return database.write("deleteTokens", c -> update(c, Sql.DELETE_TOKENS, accountId));
    }

    // Rooms

    @Override
    public List<RoomRecord> rooms() {
        return database.read("rooms", c -> query(c, Sql.ROOMS, Rows::room));
    }

    /** An update keeps the name as first spelled, as everywhere; owner and topic are replaced. */
    @Override
    public void saveRoom(RoomRecord room) {
        database.write("saveRoom", c -> update(c, Sql.SAVE_ROOM,
                Store.fold(room.name()), room.name(), room.ownerAccountId(), room.topic()));
    }

    /** Forgets the room and its moderation, not its history: a room registered again under that name finds it. */
    @Override
    public void deleteRoom(String name) {
        String key = Store.fold(name);
        database.write("deleteRoom", c -> update(c, Sql.DELETE_ROOM, key) + clearState(c, key, true));
    }

    @Override
    public Optional<RoomState> roomState(String name) {
        String key = Store.fold(name);
        return database.read("roomState", c -> {
            List<RoomState> modes = query(c, Sql.ROOM_MODES, row -> new RoomState(row.getString(1), row.getBoolean(2),
                    row.getBoolean(3), row.getBoolean(4), row.getString(5), Set.of(), Set.of(), Set.of(), Set.of()), key);
            if (modes.isEmpty()) {
                return Optional.empty();
            }
            var roles = new HashMap<String, Set<Long>>();
            for (String[] person : query(c, Sql.ROOM_PEOPLE, row -> new String[] {row.getString(2), row.getString(1)}, key)) {
                roles.computeIfAbsent(person[0], r -> new HashSet<>()).add(Long.parseLong(person[1]));
            }
            List<String> bans = query(c, Sql.ROOM_BANS, row -> row.getString(1), key);
            RoomState m = modes.getFirst();
            return Optional.of(new RoomState(m.name(), m.inviteOnly(), m.topicLocked(), m.moderated(), m.key(),
                    roles.getOrDefault("o", Set.of()), roles.getOrDefault("v", Set.of()),
                    roles.getOrDefault("i", Set.of()), new HashSet<>(bans)));
        });
    }

    /** The modes row is upserted (keeping the first spelling); people and bans are replaced, in one transaction. */
    @Override
    public void saveRoomState(RoomState state) {
        String key = Store.fold(state.name());
        database.write("saveRoomState", c -> {
            update(c, Sql.SAVE_ROOM_MODES, key, state.name(), state.inviteOnly(), state.topicLocked(), state.moderated(),
                    state.key());
            clearState(c, key, false);
            try (PreparedStatement people = c.prepareStatement(Sql.INSERT_ROOM_PERSON);
                    PreparedStatement bans = c.prepareStatement(Sql.INSERT_ROOM_BAN)) {
                for (var role : Map.of("o", state.operators(), "v", state.voiced(), "i", state.invited()).entrySet()) {
                    for (long account : role.getValue()) {
                        batch(people, key, account, role.getKey());
                    }
                }
                for (String mask : state.bans()) {
                    batch(bans, key, mask);
                }
                people.executeBatch();
                bans.executeBatch();
            }
            return null;
        });
    }

    private static int clearState(Connection c, String key, boolean modesToo) throws SQLException {
        int deleted = update(c, Sql.DELETE_ROOM_PEOPLE, key) + update(c, Sql.DELETE_ROOM_BANS, key);
        return modesToo ? deleted + update(c, Sql.DELETE_ROOM_MODES, key) : deleted;
    }

    // Removal by moderators

    @Override
    public boolean deleteRoomMessage(String room, long id) {
        return database.write("deleteRoomMessage", c -> update(c, Sql.DELETE_ROOM_MESSAGE, Store.fold(room), id)) > 0;
    }

    /** The offline marks of a sender's private messages go first: they refer to the messages. */
    @Override
    public int deleteMessagesFrom(String sender, String room) {
        String who = Store.fold(sender);
        return database.write("deleteMessagesFrom", c -> {
            if (room != null) {
                return update(c, Sql.DELETE_ROOM_MESSAGES_FROM_IN, who, Store.fold(room));
            }
            update(c, Sql.DELETE_OFFLINE_FROM, who);
            return update(c, Sql.DELETE_ROOM_MESSAGES_FROM, who) + update(c, Sql.DELETE_PRIVATE_MESSAGES_FROM, who);
        });
    }

    // Server bans

    @Override
    public List<ServerBan> serverBans() {
        return database.read("serverBans", c -> query(c, Sql.SERVER_BANS, Rows::serverBan));
    }

    @Override
    public void saveServerBan(ServerBan ban) {
        database.write("saveServerBan", c -> update(c, Sql.SAVE_SERVER_BAN, kind(ban.kind()), Store.fold(ban.target()),
                ban.reason(), ban.by(), Rows.millis(ban.created()),
                ban.expires() == null ? Rows.NULL_NUMBER : (Object) Rows.millis(ban.expires())));
    }

    @Override
    public boolean deleteServerBan(ServerBan.Kind kind, String target) {
        return database.write("deleteServerBan", c -> update(c, Sql.DELETE_SERVER_BAN, kind(kind), Store.fold(target))) > 0;
    }

    private static String kind(ServerBan.Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    // Block lists

    @Override
    public List<Ignore> ignores(long accountId) {
        return database.read("ignores", c -> query(c, Sql.IGNORES, row -> new Ignore(row.getString(1), row.getString(2)),
                accountId));
    }

    @Override
    public boolean ignore(long accountId, Ignore ignore) {
        return database.write("ignore", c -> update(c, Sql.INSERT_IGNORE, accountId, ignore.identity(), ignore.nick())) > 0;
    }

    @Override
    public boolean unignore(long accountId, String identity) {
        return database.write("unignore", c -> update(c, Sql.DELETE_IGNORE, accountId, identity)) > 0;
    }

    // History

    /**
     * One transaction, batched per table. Private messages are written before the offline marks
     * that refer to them (a foreign key), whatever the order of the list.
     */
    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        database.write("append", c -> insert(c, entries));
    }

    /** Writes the entries in the caller's transaction, batched per table (see {@link #append}). */
    static Void insert(Connection c, List<Entry> entries) throws SQLException {
        {
            boolean sequenced = false;
            for (Entry entry : entries) {
                sequenced |= entry instanceof Entry.RoomEvent;
            }
            try (PreparedStatement rooms = c.prepareStatement(Sql.INSERT_ROOM_MESSAGE);
                    PreparedStatement events = sequenced ? c.prepareStatement(Sql.INSERT_ROOM_EVENT) : null;
                    PreparedStatement privates = c.prepareStatement(Sql.INSERT_PRIVATE_MESSAGE);
                    PreparedStatement offline = c.prepareStatement(Sql.INSERT_OFFLINE)) {
                for (Entry entry : entries) {
                    switch (entry) {
                        case RoomMessage m -> batch(rooms, Store.fold(m.room()), m.id(), m.room(),
                                Rows.millis(m.ts()), m.from(), m.text(), m.action(), m.seq());
                        case Entry.RoomEvent e -> batch(events, Store.fold(e.room()), e.seq(), e.room(),
                                Rows.millis(e.ts()), e.kind(), e.nick(), e.target(), e.text(), e.flag(), e.node(), e.about());
                        case PrivateMessage m -> batch(privates, m.conversation(), m.id(), Rows.millis(m.ts()),
                                m.from(), m.to(), m.text());
                        case Entry.Offline o -> batch(offline, o.accountId(), o.conversation(), o.id());
                    }
                }
                rooms.executeBatch();
                privates.executeBatch();
                offline.executeBatch();
                if (events != null) {
                    events.executeBatch();
                }
            }
            return null;
        }
    }

    private static void batch(PreparedStatement statement, Object... values) throws SQLException {
        Rows.bind(statement, values);
        statement.addBatch();
    }

    @Override
    public long lastRoomId(String room) {
        return database.read("lastRoomId", c -> number(c, Sql.LAST_ROOM_ID, Store.fold(room)));
    }

    @Override
    public List<Entry.RoomEvent> roomModesAt(String room, long atSeq, int limit) {
        return database.read("roomModesAt", c -> query(c, Sql.ROOM_MODES_AT,
                row -> (Entry.RoomEvent) Rows.place(row), Store.fold(room), atSeq, limit));
    }

    @Override
    public String roomTopicAt(String room, long atSeq) {
        var topics = database.read("roomTopicAt", c -> query(c, Sql.ROOM_TOPIC_AT, row -> row.getString(1),
                Store.fold(room), atSeq));
        return topics.isEmpty() ? null : topics.getFirst();
    }

    @Override
    public long lastRoomSeq(String room) {
        String key = Store.fold(room);
        return database.read("lastRoomSeq", c -> number(c, Sql.LAST_ROOM_SEQ, key, key));
    }

    @Override
    public List<Entry> roomSince(String room, long afterSeq, int limit) {
        String key = Store.fold(room);
        return database.read("roomSince", c -> query(c, Sql.ROOM_SINCE, Rows::place, key, afterSeq, key, afterSeq,
                limit));
    }

    @Override
    public long lastPrivateId(String conversation) {
        return database.read("lastPrivateId", c -> number(c, Sql.LAST_PRIVATE_ID, conversation));
    }

    @Override
    public Page<RoomMessage> roomBefore(String room, long beforeId, int limit) {
        return page(Sql.FIRST_ROOM_ID, Sql.ROOM_BEFORE, Rows::roomMessage, Store.fold(room), beforeId, limit, true);
    }

    @Override
    public Page<RoomMessage> roomAfter(String room, long afterId, int limit) {
        return page(Sql.FIRST_ROOM_ID, Sql.ROOM_AFTER, Rows::roomMessage, Store.fold(room), afterId, limit, false);
    }

    @Override
    public Page<PrivateMessage> privateBefore(String conversation, long beforeId, int limit) {
        return page(Sql.FIRST_PRIVATE_ID, Sql.PRIVATE_BEFORE, Rows::privateMessage, conversation, beforeId, limit,
                true);
    }

    @Override
    public List<Active> activeConversations(String identity, java.time.Instant after, java.time.Instant upTo, int limit) {
        return database.read("activeConversations", c -> {
            try (var statement = c.prepareStatement(Sql.ACTIVE_CONVERSATIONS)) {
                statement.setLong(1, after.toEpochMilli());
                statement.setLong(2, upTo.toEpochMilli());
                statement.setString(3, identity + " %");
                statement.setString(4, "% " + identity);
                statement.setInt(5, limit);
                var found = new java.util.ArrayList<Active>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Active(rows.getString(1), java.time.Instant.ofEpochMilli(rows.getLong(2))));
                    }
                }
                return List.copyOf(found);
            }
        });
    }

    @Override
    public Page<PrivateMessage> privateAfter(String conversation, long afterId, int limit) {
        return page(Sql.FIRST_PRIVATE_ID, Sql.PRIVATE_AFTER, Rows::privateMessage, conversation, afterId, limit,
                false);
    }

    /**
     * Reads the oldest id first, then the page, each in its own snapshot: a prune in between can only
     * raise the oldest id, so the page never starts below the {@code firstRetained} it is given with.
     * A "before" query reads newest first (its LIMIT keeps the newest) and is turned around.
     */
    private <T> Page<T> page(String firstSql, String pageSql, Rows.Reader<T> reader, String key, long bound,
            int limit, boolean newestFirst) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " < 0");
        }
        return database.read("history", c -> {
            long first = number(c, firstSql, key);
            List<T> messages = limit == 0 ? List.of() : query(c, pageSql, reader, key, bound, limit);
            return new Page<>(newestFirst ? messages.reversed() : messages, first);
        });
    }

    /**
     * Deletes, in one transaction, the messages older than maxAge and those beyond the newest maxCount
     * of their room or conversation, sparing private messages still queued offline.
     */
    @Override
    public int prune(Retention retention) {
        if (retention.keepsEverything()) {
            return 0;
        }
        if (retention.maxCount() != null && retention.maxCount() < 0) {
            throw new IllegalArgumentException("maxCount " + retention.maxCount() + " < 0");
        }
        return database.write("prune", c -> {
            int deleted = 0;
            if (retention.maxAge() != null) {
                long cutoff = cutoff(retention.maxAge());
                deleted += update(c, Sql.PRUNE_ROOM_AGE, cutoff) + update(c, Sql.PRUNE_PRIVATE_AGE, cutoff);
                update(c, Sql.PRUNE_ROOM_EVENTS_AGE, cutoff); // not counted: the count is of messages
            }
            if (retention.maxCount() != null) {
                long keep = retention.maxCount();
                deleted += update(c, Sql.PRUNE_ROOM_COUNT, keep) + update(c, Sql.PRUNE_PRIVATE_COUNT, keep);
            }
            return deleted;
        });
    }

    /** The oldest timestamp kept, in epoch millis; an age longer than the epoch keeps everything. */
    private static long cutoff(Duration maxAge) {
        long now = System.currentTimeMillis();
        return maxAge.compareTo(Duration.ofMillis(now)) >= 0 ? Long.MIN_VALUE : now - maxAge.toMillis();
    }

    /** Takes the account's queued messages in send order, within {@link Database#write}. */
    abstract List<PrivateMessage> takeQueued(Connection connection, long accountId) throws SQLException;

    @Override
    public final List<PrivateMessage> takeOffline(long accountId) {
        return database.write("takeOffline", c -> takeQueued(c, accountId));
    }

    @Override
    public void close() {
        database.close();
    }
}
