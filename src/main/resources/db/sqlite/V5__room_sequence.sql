-- The same as PostgreSQL's V5 (a room's sequence in a cluster), so one JDBC code writes both. A single
-- node never fills them: its messages keep seq 0 and it writes no room events; no index for that reason.
ALTER TABLE room_messages ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE room_events (
    room_key TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    room     TEXT    NOT NULL,
    ts       INTEGER NOT NULL,
    kind     INTEGER NOT NULL,
    nick     TEXT    NOT NULL,
    target   TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    flag     INTEGER NOT NULL,
    node     TEXT    NOT NULL,
    PRIMARY KEY (room_key, seq)
) STRICT, WITHOUT ROWID;
