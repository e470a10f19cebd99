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
            INSERT INTO room_messages (room_key, id, room, ts, sender, text, action) VALUES (?, ?, ?, ?, ?, ?, ?)""";

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

    static final String PRIVATE_AFTER = """
            SELECT conversation, id, ts, sender, recipient, text FROM private_messages
            WHERE conversation = ? AND id > ? ORDER BY id LIMIT ?""";

    // Retention. A private message still queued offline is never deleted (the foreign key would
    // refuse it anyway, failing the whole prune).

    static final String PRUNE_ROOM_AGE = "DELETE FROM room_messages WHERE ts < ?";

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
}
