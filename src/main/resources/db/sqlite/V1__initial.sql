-- Causerie's first schema, SQLite dialect (twin: db/postgresql/V1__initial.sql).
-- Names are stored twice: as first spelled (nick, name, room) and folded (nick_key, name_key,
-- room_key) for lookups; the folded forms are Store.fold's, computed in Java.
-- Timestamps are epoch milliseconds, identical on both backends.
-- STRICT tables refuse a value of the wrong type instead of storing it as given.

-- AUTOINCREMENT: an account id is never given out twice, even after the newest account is deleted,
-- because other rows (rooms, the offline queue) refer to it.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    nick          TEXT    NOT NULL,
    nick_key      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    created       INTEGER NOT NULL
) STRICT;

CREATE TABLE rooms (
    name_key         TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    owner_account_id INTEGER NOT NULL REFERENCES accounts (id),
    topic            TEXT
) STRICT, WITHOUT ROWID;

-- WITHOUT ROWID: the table is its primary key's b-tree, so a page of history, (room_key, id) in a
-- range, is one range scan over adjacent rows with no second lookup.
CREATE TABLE room_messages (
    room_key TEXT    NOT NULL,
    id       INTEGER NOT NULL,
    room     TEXT    NOT NULL,
    ts       INTEGER NOT NULL,
    sender   TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    action   INTEGER NOT NULL,
    PRIMARY KEY (room_key, id)
) STRICT, WITHOUT ROWID;

-- Pruning by age deletes a range of ts.
CREATE INDEX room_messages_ts ON room_messages (ts);

CREATE TABLE private_messages (
    conversation TEXT    NOT NULL,
    id           INTEGER NOT NULL,
    ts           INTEGER NOT NULL,
    sender       TEXT    NOT NULL,
    recipient    TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    PRIMARY KEY (conversation, id)
) STRICT, WITHOUT ROWID;

CREATE INDEX private_messages_ts ON private_messages (ts);

-- The queue of private messages waiting for their recipient. seq (the rowid, never reused thanks to
-- AUTOINCREMENT) is the send order; (account_id, conversation, id) is the natural key, unique.
-- A queued message cannot be deleted from private_messages while it is queued (foreign key).
CREATE TABLE offline (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    conversation TEXT    NOT NULL,
    id           INTEGER NOT NULL,
    UNIQUE (account_id, conversation, id),
    FOREIGN KEY (conversation, id) REFERENCES private_messages (conversation, id)
) STRICT;

-- Pruning asks "is this message queued?", and the foreign key asks it on every delete.
CREATE INDEX offline_message ON offline (conversation, id);
