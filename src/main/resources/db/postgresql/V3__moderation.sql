-- What moderation keeps across restarts, PostgreSQL dialect (twin: db/sqlite/V3__moderation.sql).
-- Rooms' moderation state is keyed by the room's folded name, without a reference to rooms: the lobby
-- has state but no owner. Only accounts are kept as operators, voiced or invited.

CREATE TABLE room_modes (
    name_key     TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    invite_only  BOOLEAN NOT NULL,
    topic_locked BOOLEAN NOT NULL,
    moderated    BOOLEAN NOT NULL,
    room_key     TEXT
);

-- role: 'o' operator, 'v' voiced, 'i' invited.
CREATE TABLE room_people (
    name_key   TEXT   COLLATE "C" NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    role       TEXT   NOT NULL CHECK (role IN ('o', 'v', 'i')),
    PRIMARY KEY (name_key, account_id, role)
);

CREATE TABLE room_bans (
    name_key TEXT COLLATE "C" NOT NULL,
    mask     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (name_key, mask)
);

-- kind: 'network' (target a CIDR network) or 'account' (target a folded nickname).
-- expires: epoch milliseconds, NULL for never.
CREATE TABLE server_bans (
    kind    TEXT   NOT NULL CHECK (kind IN ('network', 'account')),
    target  TEXT   COLLATE "C" NOT NULL,
    reason  TEXT   NOT NULL,
    by_nick TEXT   NOT NULL,
    created BIGINT NOT NULL,
    expires BIGINT,
    PRIMARY KEY (kind, target)
);

-- An account's block list; seq keeps the order entries were added.
CREATE TABLE ignores (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    identity   TEXT   COLLATE "C" NOT NULL,
    nick       TEXT   NOT NULL,
    UNIQUE (account_id, identity)
);

-- Removing everything a nickname sent scans by sender.
CREATE INDEX room_messages_sender ON room_messages (lower(sender));
CREATE INDEX private_messages_sender ON private_messages (lower(sender));
