-- A cluster orders everything a room's members see (messages, joins, parts, quits, kicks, nick, topic and
-- mode changes) in one sequence per room: counter 's ' || folded name in counters, raised in the commit's
-- own transaction like the message ids, so places are gapless and in commit order. A message keeps its
-- own id (what clients see and catch up by) and takes a place too; 0 for a single node's messages.
ALTER TABLE room_messages ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX room_messages_seq ON room_messages (room_key, seq) WHERE seq > 0;

-- The room events other than messages, kept so that a node that missed one on the bus reads it back.
-- kind is the bus's code (JOINED 3 ... NICK 9); node is the node whose member caused it.
CREATE TABLE room_events (
    room_key TEXT    COLLATE "C" NOT NULL,
    seq      BIGINT  NOT NULL,
    room     TEXT    NOT NULL,
    ts       BIGINT  NOT NULL,
    kind     INTEGER NOT NULL,
    nick     TEXT    NOT NULL,
    target   TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    flag     BOOLEAN NOT NULL,
    node     TEXT    NOT NULL,
    PRIMARY KEY (room_key, seq)
);
CREATE INDEX room_events_ts ON room_events (ts);
