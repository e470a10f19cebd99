-- Causerie's first schema, PostgreSQL dialect (twin: db/sqlite/V1__initial.sql).
-- Names are stored twice: as first spelled (nick, name, room) and folded (nick_key, name_key,
-- room_key) for lookups; the folded forms are Store.fold's, computed in Java. Keys use the "C"
-- collation: byte order, as in SQLite, whatever the database's locale.
-- Timestamps are epoch milliseconds, identical on both backends.

CREATE TABLE accounts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nick          TEXT   NOT NULL,
    nick_key      TEXT   COLLATE "C" NOT NULL UNIQUE,
    password_hash TEXT   NOT NULL,
    created       BIGINT NOT NULL
);

CREATE TABLE rooms (
    name_key         TEXT   COLLATE "C" NOT NULL PRIMARY KEY,
    name             TEXT   NOT NULL,
    owner_account_id BIGINT NOT NULL REFERENCES accounts (id),
    topic            TEXT
);

-- The primary key's index serves every history query: (room_key, id) in a range.
CREATE TABLE room_messages (
    room_key TEXT    COLLATE "C" NOT NULL,
    id       BIGINT  NOT NULL,
    room     TEXT    NOT NULL,
    ts       BIGINT  NOT NULL,
    sender   TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    action   BOOLEAN NOT NULL,
    PRIMARY KEY (room_key, id)
);

-- Pruning by age deletes a range of ts.
CREATE INDEX room_messages_ts ON room_messages (ts);

CREATE TABLE private_messages (
    conversation TEXT   COLLATE "C" NOT NULL,
    id           BIGINT NOT NULL,
    ts           BIGINT NOT NULL,
    sender       TEXT   NOT NULL,
    recipient    TEXT   NOT NULL,
    text         TEXT   NOT NULL,
    PRIMARY KEY (conversation, id)
);

CREATE INDEX private_messages_ts ON private_messages (ts);

-- The queue of private messages waiting for their recipient; seq is the send order.
-- A queued message cannot be deleted from private_messages while it is queued (foreign key).
CREATE TABLE offline (
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    conversation TEXT   COLLATE "C" NOT NULL,
    id           BIGINT NOT NULL,
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (account_id, conversation, id),
    FOREIGN KEY (conversation, id) REFERENCES private_messages (conversation, id)
);

-- Pruning asks "is this message queued?", and the foreign key asks it on every delete.
CREATE INDEX offline_message ON offline (conversation, id);
