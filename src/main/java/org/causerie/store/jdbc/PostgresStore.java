package org.causerie.store.jdbc;

import static org.causerie.store.jdbc.Database.query;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.HashMap;
import org.causerie.store.Claims;
import org.causerie.store.Counted;
import org.causerie.store.Store;
import org.causerie.store.Entry;
import org.causerie.store.Entry.PrivateMessage;
import org.causerie.store.StoreException;

/**
 * The store on a PostgreSQL server, for several Causerie servers or more history than one file should
 * hold. One pool serves reads and writes; transactions run at READ COMMITTED, the server's default,
 * which the statements here are written for. Commits are durable as the server's synchronous_commit
 * makes them (on by default: flushed to the WAL on disk).
 *
 * <p>The schema goes where the URL's connections put it: the first schema of their search_path,
 * {@code public} unless the URL says {@code currentSchema=...}.
 */
public final class PostgresStore extends JdbcStore implements Claims {
    private static final int POOL_SIZE = 8;

    private PostgresStore(Database database) {
        super(database);
    }

    /** Connects to {@code jdbcUrl} (jdbc:postgresql://host:port/db?user=...) and migrates the schema. */
    public static PostgresStore open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("causerie-postgres");
        config.setJdbcUrl(jdbcUrl);
        config.setDriverClassName("org.postgresql.Driver");
        config.setMaximumPoolSize(POOL_SIZE);
        // One INSERT of many rows per batch instead of a statement per row: an append is one round trip.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL: " + e.getMessage(), e);
        }
        try {
            Database.migrate(pool, "classpath:db/postgresql");
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresStore(new Database(pool, pool));
    }

    /**
     * The cluster's name on the bus, made at random by the migration that created this database's
     * schema: every node on this database reads the same one.
     */
    public String clusterId() {
        return database.read("clusterId", c -> query(c, "SELECT id FROM cluster", row -> row.getString(1))).getFirst();
    }

    // Claims: nicknames across the cluster

    /**
     * One transaction per claim, serialised per name by an advisory lock (two nodes claiming one free
     * name would otherwise both find no row and both insert their own).
     */
    @Override
    public boolean claim(String nick, String identity, String node, java.time.Duration lease) {
        String key = Store.fold(nick);
        return database.write("claim", c -> {
            query(c, "SELECT pg_advisory_xact_lock(hashtext(?))", row -> row.getObject(1), key);
            Database.update(c, "DELETE FROM nick_claims WHERE nick_key = ? AND expires < now()", key);
            List<String> others = query(c, "SELECT identity FROM nick_claims WHERE nick_key = ? AND node <> ?",
                    row -> row.getString(1), key, node);
            if (others.stream().anyMatch(other -> !other.equals(identity))) {
                return false;
            }
            Database.update(c, """
                    INSERT INTO nick_claims (nick_key, node, nick, identity, expires)
                    VALUES (?, ?, ?, ?, now() + ? * interval '1 millisecond')
                    ON CONFLICT (nick_key, node) DO UPDATE SET nick = EXCLUDED.nick, identity = EXCLUDED.identity,
                        expires = EXCLUDED.expires""", key, node, nick, identity, lease.toMillis());
            return true;
        });
    }

    @Override
    public void release(String nick, String node) {
        database.write("release", c -> Database.update(c, "DELETE FROM nick_claims WHERE nick_key = ? AND node = ?",
                Store.fold(nick), node));
    }

    @Override
    public int keepOnly(String node, java.util.Collection<String> nicks) {
        String[] keys = nicks.stream().map(Store::fold).toArray(String[]::new);
        return database.write("keepOnly", c -> {
            try (var statement = c.prepareStatement("DELETE FROM nick_claims WHERE node = ? AND NOT nick_key = ANY (?)")) {
                statement.setString(1, node);
                statement.setArray(2, c.createArrayOf("text", keys));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public int renew(String node, java.time.Duration lease) {
        return database.write("renew", c -> Database.update(c,
                "UPDATE nick_claims SET expires = now() + ? * interval '1 millisecond' WHERE node = ?",
                lease.toMillis(), node));
    }

    @Override
    public java.util.Optional<Claim> holderElsewhere(String nick, String node) {
        return database.read("holderElsewhere", c -> query(c,
                "SELECT nick, identity, node FROM nick_claims WHERE nick_key = ? AND node <> ? AND expires > now()"
                        + " ORDER BY node LIMIT 1",
                row -> new Claim(row.getString(1), row.getString(2), row.getString(3)), Store.fold(nick), node))
                .stream().findFirst();
    }

    @Override
    public void beat(String node, int sessions) {
        database.write("beat", c -> Database.update(c, """
                INSERT INTO nodes (name, sessions, seen) VALUES (?, ?, now())
                ON CONFLICT (name) DO UPDATE SET sessions = EXCLUDED.sessions, seen = EXCLUDED.seen""", node, sessions));
    }

    @Override
    public List<Node> nodes(java.time.Duration lease) {
        return database.read("nodes", c -> query(c,
                "SELECT name, sessions FROM nodes WHERE seen > now() - ? * interval '1 millisecond' ORDER BY name",
                row -> new Node(row.getString(1), row.getInt(2)), lease.toMillis()));
    }

    @Override
    public List<Claim> takeLapsed() {
        return database.write("takeLapsed", c -> query(c,
                "DELETE FROM nick_claims WHERE expires < now() RETURNING nick, identity, node",
                row -> new Claim(row.getString(1), row.getString(2), row.getString(3))));
    }

    @Override
    public void present(Member member) {
        database.write("present", c -> Database.update(c, """
                INSERT INTO room_members (room_key, room, nick_key, nick, identity, node) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (room_key, nick_key, node) DO UPDATE SET room = EXCLUDED.room, nick = EXCLUDED.nick,
                    identity = EXCLUDED.identity""", Store.fold(member.room()), member.room(), Store.fold(member.nick()),
                member.nick(), member.identity(), member.node()));
    }

    @Override
    public void absent(String room, String nick, String node) {
        database.write("absent", c -> Database.update(c,
                "DELETE FROM room_members WHERE room_key = ? AND nick_key = ? AND node = ?", Store.fold(room),
                Store.fold(nick), node));
    }

    /** The nodes that said they were alive within a lease (the parameter, in milliseconds). */
    private static final String ALIVE = "SELECT name FROM nodes WHERE seen > now() - ? * interval '1 millisecond'";

    @Override
    public List<Member> membersElsewhere(String room, String node, java.time.Duration lease) {
        return database.read("membersElsewhere", c -> query(c, "SELECT room, nick, identity, node FROM room_members"
                + " WHERE room_key = ? AND node <> ? AND node IN (" + ALIVE + ") ORDER BY node, nick_key",
                row -> new Member(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                Store.fold(room), node, lease.toMillis()));
    }

    @Override
    public List<Count> roomsElsewhere(String node, java.time.Duration lease) {
        return database.read("roomsElsewhere", c -> query(c, "SELECT MIN(room), COUNT(DISTINCT nick_key) FROM room_members"
                + " WHERE node <> ? AND node IN (" + ALIVE + ") GROUP BY room_key",
                row -> new Count(row.getString(1), row.getInt(2)), node, lease.toMillis()));
    }

    @Override
    public List<String> roomsOf(String identity, String node, java.time.Duration lease) {
        return database.read("roomsOf", c -> query(c, "SELECT MIN(room) FROM room_members WHERE identity = ? AND node <> ?"
                + " AND node IN (" + ALIVE + ") GROUP BY room_key ORDER BY room_key",
                row -> row.getString(1), identity, node, lease.toMillis()));
    }

    /**
     * One statement takes the rows (a second sweeper at the same time finds them gone). The outer query
     * sees the table as it was before the delete, so "still there" looks at live nodes' rows only.
     */
    @Override
    public List<Gone> takeGone(String node, java.time.Duration lease) {
        long ms = lease.toMillis();
        return database.write("takeGone", c -> query(c, """
                WITH gone AS (DELETE FROM room_members WHERE node <> ? AND node NOT IN (ALIVE)
                    RETURNING room_key, room, nick_key, nick, identity, node)
                SELECT g.room, g.nick, g.identity, g.node, EXISTS (SELECT 1 FROM room_members o
                    WHERE o.room_key = g.room_key AND o.nick_key = g.nick_key AND o.node <> g.node
                    AND (o.node = ? OR o.node IN (ALIVE)))
                FROM gone g ORDER BY g.node, g.room_key, g.nick_key""".replace("ALIVE", ALIVE),
                row -> new Gone(new Member(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                        row.getBoolean(5)), node, ms, node, ms));
    }

    @Override
    public List<Member> takeOwn(String node) {
        return database.write("takeOwn", c -> {
            Database.update(c, "DELETE FROM room_openings WHERE node = ?", node);
            return query(c, "DELETE FROM room_members WHERE node = ? RETURNING room, nick, identity, node",
                    row -> new Member(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), node);
        });
    }

    /**
     * One transaction, serialised per room by an advisory lock (two nodes opening one room would otherwise both
     * find no row and both open it anew). The mark is written whether or not this node opens the room anew:
     * every node that has it open is seen by the next one, whose members may not be written yet.
     */
    @Override
    public boolean opens(String room, String node, String stay, java.time.Duration lease) {
        String key = Store.fold(room);
        long ms = lease.toMillis();
        return database.write("opens", c -> {
            query(c, "SELECT pg_advisory_xact_lock(hashtext(?))", row -> row.getObject(1), "room " + key);
            boolean elsewhere = !query(c, """
                    SELECT 1 FROM room_openings WHERE room_key = ? AND node <> ? AND node IN (ALIVE)
                    UNION ALL
                    SELECT 1 FROM room_members WHERE room_key = ? AND node <> ? AND node IN (ALIVE)
                    LIMIT 1""".replace("ALIVE", ALIVE), row -> 1, key, node, ms, key, node, ms).isEmpty();
            Database.update(c, """
                    INSERT INTO room_openings (room_key, node, stay) VALUES (?, ?, ?)
                    ON CONFLICT (room_key, node) DO UPDATE SET stay = EXCLUDED.stay""", key, node, stay);
            return !elsewhere;
        });
    }

    @Override
    public void closed(String room, String node, String stay) {
        database.write("closed", c -> Database.update(c,
                "DELETE FROM room_openings WHERE room_key = ? AND node = ? AND stay = ?", Store.fold(room), node, stay));
    }

    @Override
    public long nextGuest() {
        return database.write("nextGuest", c -> query(c, "SELECT nextval('guest_numbers')", row -> row.getLong(1))
                .getFirst());
    }

    /**
     * Raises a counter by {@code n} and returns its new value, creating it at the last stored id (plus
     * {@code n}) on first use; a database that a single node wrote to since (numbering from its own
     * last id) is caught up with the same GREATEST. The row stays locked until the commit, which is what
     * orders two nodes' messages of one room: the second waits for the first's commit.
     */
    private static final String TAKE_ROOM_IDS = """
            INSERT INTO counters (counter_key, last)
            VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM room_messages WHERE room_key = ?) + ?)
            ON CONFLICT (counter_key) DO UPDATE SET last = GREATEST(counters.last + ?, EXCLUDED.last)
            RETURNING last""";
    /** The same for a room's sequence (places of its messages and events), created at the highest place kept. */
    private static final String TAKE_ROOM_PLACES = """
            INSERT INTO counters (counter_key, last)
            VALUES (?, (SELECT coalesce(max(last), 0) FROM (
                           SELECT max(seq) AS last FROM room_messages WHERE room_key = ?
                           UNION ALL SELECT max(seq) FROM room_events WHERE room_key = ?) places) + ?)
            ON CONFLICT (counter_key) DO UPDATE SET last = counters.last + ?
            RETURNING last""";
    private static final String TAKE_PRIVATE_IDS = """
            INSERT INTO counters (counter_key, last)
            VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM private_messages WHERE conversation = ?) + ?)
            ON CONFLICT (counter_key) DO UPDATE SET last = GREATEST(counters.last + ?, EXCLUDED.last)
            RETURNING last""";

    /**
     * Numbers from counter rows, raised in sorted order (two nodes' groups never lock in a cycle), then
     * inserts, all in one transaction: a rollback gives the ids back, so none is ever skipped.
     */
    @Override
    public List<Entry> appendCounted(List<Entry> entries) {
        if (entries.isEmpty()) {
            return entries;
        }
        return database.write("appendCounted", c -> {
            var before = new HashMap<String, Long>();
            for (var need : Counted.needs(entries).entrySet()) {
                String counter = need.getKey();
                int n = need.getValue();
                String key = counter.substring(2);
                long last = counter.startsWith("s ")
                        ? query(c, TAKE_ROOM_PLACES, row -> row.getLong(1), counter, key, key, n, n).getFirst()
                        : query(c, counter.startsWith("r ") ? TAKE_ROOM_IDS : TAKE_PRIVATE_IDS, row -> row.getLong(1),
                                counter, key, n, n).getFirst();
                before.put(counter, last - n);
            }
            List<Entry> numbered = Counted.number(entries, before);
            insert(c, numbered);
            return numbered;
        });
    }

    /**
     * One statement deletes the queue entries and returns them: a second taker running at the same
     * time waits for the first one's row locks, then finds the rows gone and skips them, so a message
     * is handed out once. Deleting exactly the rows returned matters: a message queued while the take
     * runs is neither returned nor deleted, and waits for the next take (a SELECT then a separate
     * DELETE by account would delete it unseen).
     */
    @Override
    List<PrivateMessage> takeQueued(Connection connection, long accountId) throws SQLException {
        return query(connection, """
                WITH taken AS (DELETE FROM offline WHERE account_id = ? RETURNING conversation, id, seq)
                SELECT p.conversation, p.id, p.ts, p.sender, p.recipient, p.text
                FROM taken JOIN private_messages p ON p.conversation = taken.conversation AND p.id = taken.id
                ORDER BY taken.seq""", Rows::privateMessage, accountId);
    }
}
