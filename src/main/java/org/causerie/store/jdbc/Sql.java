package org.causerie.store.jdbc;

/**
 * The statements both dialects accept (SQLite 3.35 or later for RETURNING, PostgreSQL 9.5 or later for
 * ON CONFLICT). Each value is a {@code ?} parameter; the column lists are the ones {@link Rows} reads.
 */
final class Sql {
    private Sql() {}

    static final String FIND_ACCOUNT = """
            SELECT id, nick, password_hash, created FROM accounts WHERE nick_key = ?""";

    /** Returns the new id, or no row when the nickname is taken. */
    static final String CREATE_ACCOUNT = """
            INSERT INTO accounts (nick, nick_key, password_hash, created) VALUES (?, ?, ?, ?)
            ON CONFLICT (nick_key) DO NOTHING RETURNING id""";

    static final String UPDATE_PASSWORD = "UPDATE accounts SET password_hash = ? WHERE id = ?";

    static final String OPERATORS = "SELECT nick FROM accounts WHERE operator = TRUE ORDER BY nick_key";

    /** Creates the account as an operator, or makes the existing one an operator with this password. */
    static final String SET_OPERATOR = """
            INSERT INTO accounts (nick, nick_key, password_hash, created, operator) VALUES (?, ?, ?, ?, TRUE)
            ON CONFLICT (nick_key) DO UPDATE SET password_hash = excluded.password_hash, operator = TRUE
            RETURNING id, nick, password_hash, created""";

    static final String REMOVE_OPERATOR = "UPDATE accounts SET operator = FALSE WHERE nick_key = ? AND operator = TRUE";

    static final String SAVE_TOKEN = "INSERT INTO tokens (hash, account_id, expires) VALUES (?, ?, ?)";

    static final String DELETE_EXPIRED_TOKENS = "DELETE FROM tokens WHERE expires <= ?";

    static final String FIND_TOKEN = """
            SELECT a.id, a.nick, a.password_hash, a.created FROM tokens t JOIN accounts a ON a.id = t.account_id
            WHERE t.hash = ? AND t.expires > ?""";

    static final String DELETE_TOKEN = "DELETE FROM tokens WHERE hash = ?";

    static final String DELETE_TOKENS = "DELETE FROM tokens WHERE account_id = ?";

    static final String ROOMS = "SELECT name, owner_account_id, topic FROM rooms ORDER BY name_key";

    static final String SAVE_ROOM = """
            INSERT INTO rooms (name_key, name, owner_account_id, topic) VALUES (?, ?, ?, ?)
            ON CONFLICT (name_key) DO UPDATE
            SET owner_account_id = excluded.owner_account_id, topic = excluded.topic""";

    static final String DELETE_ROOM = "DELETE FROM rooms WHERE name_key = ?";

    static final String INSERT_ROOM_MESSAGE = """
            INSERT INTO room_messages (room_key, id, room, ts, sender, text, action, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    static final String INSERT_ROOM_EVENT = """
            INSERT INTO room_events (room_key, seq, room, ts, kind, nick, target, text, flag, node, about)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** The text of a room's last topic change (kind 7) at or below a place (a cluster's; see V7's index). */
    static final String ROOM_TOPIC_AT = """
            SELECT text FROM room_events WHERE room_key = ? AND kind = 7 AND seq <= ? ORDER BY seq DESC LIMIT 1""";

    /** A room's last mode changes (kind 8) at or below a place, by place (see V7's index). */
    static final String ROOM_MODES_AT = """
            SELECT seq, kind, room, 0, ts, nick, target, text, flag, node, about FROM (
                SELECT seq, kind, room, ts, nick, target, text, flag, node, about FROM room_events
                WHERE room_key = ? AND kind = 8 AND seq <= ? ORDER BY seq DESC LIMIT ?) modes
            ORDER BY seq""";

    /** The highest place of a room's sequence (a cluster's; see V5). */
    static final String LAST_ROOM_SEQ = """
            SELECT coalesce(max(last), 0) FROM (
                SELECT max(seq) AS last FROM room_messages WHERE room_key = ?
                UNION ALL
                SELECT max(seq) FROM room_events WHERE room_key = ?) places""";

    /** A room's messages and events past a place, by place: {@code kind} 0 for a message. */
    static final String ROOM_SINCE = """
            SELECT seq, kind, room, id, ts, nick, target, text, flag, node, about FROM (
                SELECT seq, 0 AS kind, room, id, ts, sender AS nick, '' AS target, text, action AS flag, '' AS node,
                    '' AS about
                FROM room_messages WHERE room_key = ? AND seq > ?
                UNION ALL
                SELECT seq, kind, room, 0, ts, nick, target, text, flag, node, about
                FROM room_events WHERE room_key = ? AND seq > ?) places
            ORDER BY seq LIMIT ?""";

    static final String INSERT_PRIVATE_MESSAGE = """
            INSERT INTO private_messages (conversation, id, ts, sender, recipient, text) VALUES (?, ?, ?, ?, ?, ?)""";

    static final String INSERT_OFFLINE = "INSERT INTO offline (account_id, conversation, id) VALUES (?, ?, ?)";

    // History pages: each is a range scan of the primary key (key, id), bounded by LIMIT.

    static final String LAST_ROOM_ID = "SELECT coalesce(max(id), 0) FROM room_messages WHERE room_key = ?";

    static final String FIRST_ROOM_ID = "SELECT coalesce(min(id), 0) FROM room_messages WHERE room_key = ?";

    static final String ROOM_BEFORE = """
            SELECT room, id, ts, sender, text, action FROM room_messages
            WHERE room_key = ? AND id < ? ORDER BY id DESC LIMIT ?""";

    static final String ROOM_AFTER = """
            SELECT room, id, ts, sender, text, action FROM room_messages
            WHERE room_key = ? AND id > ? ORDER BY id LIMIT ?""";

    static final String LAST_PRIVATE_ID = """
            SELECT coalesce(max(id), 0) FROM private_messages WHERE conversation = ?""";

    static final String FIRST_PRIVATE_ID = """
            SELECT coalesce(min(id), 0) FROM private_messages WHERE conversation = ?""";

    static final String PRIVATE_BEFORE = """
            SELECT conversation, id, ts, sender, recipient, text FROM private_messages
            WHERE conversation = ? AND id < ? ORDER BY id DESC LIMIT ?""";

    /** Both sides of a conversation key: "identity %" and "% identity". */
    static final String ACTIVE_CONVERSATIONS = """
            SELECT conversation, max(ts) AS last FROM private_messages
            WHERE ts > ? AND ts <= ? AND (conversation LIKE ? OR conversation LIKE ?)
            GROUP BY conversation ORDER BY last DESC LIMIT ?""";

    static final String PRIVATE_AFTER = """
            SELECT conversation, id, ts, sender, recipient, text FROM private_messages
            WHERE conversation = ? AND id > ? ORDER BY id LIMIT ?""";

    // Retention. A private message still queued offline is never deleted (the foreign key would
    // refuse it anyway, failing the whole prune).

    static final String PRUNE_ROOM_AGE = "DELETE FROM room_messages WHERE ts < ?";

    static final String PRUNE_ROOM_EVENTS_AGE = "DELETE FROM room_events WHERE ts < ?";

    static final String PRUNE_PRIVATE_AGE = """
            DELETE FROM private_messages WHERE ts < ?
            AND NOT EXISTS (SELECT 1 FROM offline o
                            WHERE o.conversation = private_messages.conversation AND o.id = private_messages.id)""";

    /** Deletes all but the newest {@code ?} messages of every room. */
    static final String PRUNE_ROOM_COUNT = """
            DELETE FROM room_messages WHERE (room_key, id) IN (
                SELECT room_key, id FROM (
                    SELECT room_key, id, row_number() OVER (PARTITION BY room_key ORDER BY id DESC) AS newest
                    FROM room_messages) ranked
                WHERE newest > ?)""";

    static final String PRUNE_PRIVATE_COUNT = """
            DELETE FROM private_messages WHERE (conversation, id) IN (
                SELECT conversation, id FROM (
                    SELECT conversation, id, row_number() OVER (PARTITION BY conversation ORDER BY id DESC) AS newest
                    FROM private_messages) ranked
                WHERE newest > ?)
            AND NOT EXISTS (SELECT 1 FROM offline o
                            WHERE o.conversation = private_messages.conversation AND o.id = private_messages.id)""";

    // Rooms' moderation state

    static final String ROOM_MODES = """
            SELECT name, invite_only, topic_locked, moderated, room_key FROM room_modes WHERE name_key = ?""";

    static final String ROOM_PEOPLE = "SELECT account_id, role FROM room_people WHERE name_key = ?";

    static final String ROOM_BANS = "SELECT mask FROM room_bans WHERE name_key = ?";

    static final String SAVE_ROOM_MODES = """
            INSERT INTO room_modes (name_key, name, invite_only, topic_locked, moderated, room_key)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (name_key) DO UPDATE
            SET invite_only = excluded.invite_only, topic_locked = excluded.topic_locked,
                moderated = excluded.moderated, room_key = excluded.room_key""";

    static final String INSERT_ROOM_PERSON = "INSERT INTO room_people (name_key, account_id, role) VALUES (?, ?, ?)";

    static final String INSERT_ROOM_BAN = "INSERT INTO room_bans (name_key, mask) VALUES (?, ?)";

    static final String DELETE_ROOM_MODES = "DELETE FROM room_modes WHERE name_key = ?";

    static final String DELETE_ROOM_PEOPLE = "DELETE FROM room_people WHERE name_key = ?";

    static final String DELETE_ROOM_BANS = "DELETE FROM room_bans WHERE name_key = ?";

    // Removal by moderators: nicknames are ASCII, so lower() folds them as Store.fold does, on both.

    static final String DELETE_ROOM_MESSAGE = "DELETE FROM room_messages WHERE room_key = ? AND id = ?";

    static final String DELETE_ROOM_MESSAGES_FROM = "DELETE FROM room_messages WHERE lower(sender) = ?";

    static final String DELETE_ROOM_MESSAGES_FROM_IN = """
            DELETE FROM room_messages WHERE lower(sender) = ? AND room_key = ?""";

    static final String DELETE_OFFLINE_FROM = """
            DELETE FROM offline WHERE (conversation, id) IN (
                SELECT conversation, id FROM private_messages WHERE lower(sender) = ?)""";

    static final String DELETE_PRIVATE_MESSAGES_FROM = "DELETE FROM private_messages WHERE lower(sender) = ?";

    // Server bans

    static final String SERVER_BANS = """
            SELECT kind, target, reason, by_nick, created, expires FROM server_bans ORDER BY created, kind, target""";

    static final String SAVE_SERVER_BAN = """
            INSERT INTO server_bans (kind, target, reason, by_nick, created, expires) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (kind, target) DO UPDATE
            SET reason = excluded.reason, by_nick = excluded.by_nick, created = excluded.created,
                expires = excluded.expires""";

    static final String DELETE_SERVER_BAN = "DELETE FROM server_bans WHERE kind = ? AND target = ?";

    // Block lists

    static final String IGNORES = "SELECT identity, nick FROM ignores WHERE account_id = ? ORDER BY seq";

    static final String INSERT_IGNORE = """
            INSERT INTO ignores (account_id, identity, nick) VALUES (?, ?, ?)
            ON CONFLICT (account_id, identity) DO NOTHING""";

    static final String DELETE_IGNORE = "DELETE FROM ignores WHERE account_id = ? AND identity = ?";
}
