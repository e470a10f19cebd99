-- What moderation keeps across restarts, SQLite dialect (twin: db/postgresql/V3__moderation.sql).
-- Rooms' moderation state is keyed by the room's folded name, without a reference to rooms: the lobby
-- has state but no owner. Only accounts are kept as operators, voiced or invited.

CREATE TABLE room_modes (
    name_key     TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    invite_only  INTEGER NOT NULL,
    topic_locked INTEGER NOT NULL,
    moderated    INTEGER NOT NULL,
    room_key     TEXT
) STRICT, WITHOUT ROWID;

-- role: 'o' operator, 'v' voiced, 'i' invited.
CREATE TABLE room_people (
    name_key   TEXT    NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    role       TEXT    NOT NULL CHECK (role IN ('o', 'v', 'i')),
    PRIMARY KEY (name_key, account_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE room_bans (
    name_key TEXT NOT NULL,
    mask     TEXT NOT NULL,
    PRIMARY KEY (name_key, mask)
) STRICT, WITHOUT ROWID;

-- kind: 'network' (target a CIDR network) or 'account' (target a folded nickname).
-- expires: epoch milliseconds, NULL for never.
CREATE TABLE server_bans (
    kind    TEXT    NOT NULL CHECK (kind IN ('network', 'account')),
    target  TEXT    NOT NULL,
    reason  TEXT    NOT NULL,
    by_nick TEXT    NOT NULL,
    created INTEGER NOT NULL,
    expires INTEGER,
    PRIMARY KEY (kind, target)
) STRICT, WITHOUT ROWID;

-- An account's block list; seq keeps the order entries were added.
CREATE TABLE ignores (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    identity   TEXT    NOT NULL,
    nick       TEXT    NOT NULL,
    UNIQUE (account_id, identity)
) STRICT;

-- Removing everything a nickname sent scans by sender.
CREATE INDEX room_messages_sender ON room_messages (lower(sender));
CREATE INDEX private_messages_sender ON private_messages (lower(sender));
