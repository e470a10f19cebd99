package org.causerie.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.causerie.store.Account;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.Entry.RoomMessage;
import org.causerie.store.RoomRecord;
import org.causerie.store.ServerBan;

/**
 * Rows to records and values to parameters, the same for both dialects. The SELECT lists in
 * {@link JdbcStore} name their columns in the order read here: a change to one is a change to both.
 */
final class Rows {
    private Rows() {}

    /** Reads one row of a result set. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** {@code id, nick, password_hash, created}. */
    static Account account(ResultSet row) throws SQLException {
        return new Account(row.getLong(1), row.getString(2), row.getString(3), Instant.ofEpochMilli(row.getLong(4)));
    }

    /** {@code name, owner_account_id, topic}. */
    static RoomRecord room(ResultSet row) throws SQLException {
        return new RoomRecord(row.getString(1), row.getLong(2), row.getString(3));
    }

    /** {@code kind, target, reason, by_nick, created, expires} (expires may be NULL). */
    static ServerBan serverBan(ResultSet row) throws SQLException {
        long expires = row.getLong(6);
        Instant lapses = row.wasNull() ? null : Instant.ofEpochMilli(expires);
        return new ServerBan(ServerBan.Kind.valueOf(row.getString(1).toUpperCase(java.util.Locale.ROOT)),
                row.getString(2), row.getString(3), row.getString(4), Instant.ofEpochMilli(row.getLong(5)), lapses);
    }

    /** A NULL for an integer column: PostgreSQL refuses a NULL typed as text there. */
    static final Object NULL_NUMBER = new Object();

    /** {@code room, id, ts, sender, text, action}. */
    static RoomMessage roomMessage(ResultSet row) throws SQLException {
        return new RoomMessage(row.getString(1), row.getLong(2), Instant.ofEpochMilli(row.getLong(3)),
                row.getString(4), row.getString(5), row.getBoolean(6));
    }

    /** {@code seq, kind, room, id, ts, nick, target, text, flag, node, about}: a message (kind 0) or a room event. */
    static org.causerie.store.Entry place(ResultSet row) throws SQLException {
        long seq = row.getLong(1);
        int kind = row.getInt(2);
        Instant ts = Instant.ofEpochMilli(row.getLong(5));
        return kind == 0
                ? new RoomMessage(row.getString(3), row.getLong(4), ts, row.getString(6), row.getString(8),
                        row.getBoolean(9), seq)
                : new org.causerie.store.Entry.RoomEvent(row.getString(3), seq, ts, kind, row.getString(6),
                        row.getString(7), row.getString(8), row.getBoolean(9), row.getString(10), row.getString(11));
    }

    /** {@code conversation, id, ts, sender, recipient, text}. */
    static PrivateMessage privateMessage(ResultSet row) throws SQLException {
        return new PrivateMessage(row.getString(1), row.getLong(2), Instant.ofEpochMilli(row.getLong(3)),
                row.getString(4), row.getString(5), row.getString(6));
    }

    /**
     * Binds {@code values} to the statement's parameters, in order. Only the types the schema uses:
     * String (a null is a NULL text: topic is the one nullable column), Long, Integer, Boolean.
     */
    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            int index = i + 1;
            switch (values[i]) {
                case null -> statement.setNull(index, Types.VARCHAR);
                case String s -> statement.setString(index, s);
                case Long l -> statement.setLong(index, l);
                case Integer n -> statement.setInt(index, n);
                case Boolean b -> statement.setBoolean(index, b);
                default -> {
                    if (values[i] != NULL_NUMBER) {
                        throw new IllegalArgumentException("no binding for " + values[i].getClass());
                    }
                    statement.setNull(index, Types.BIGINT);
                }
            }
        }
    }

    /** Epoch milliseconds: the precision both schemas keep. */
    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }
}
