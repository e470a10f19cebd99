-- What several nodes sharing one database need (PostgreSQL only: a cluster needs PostgreSQL).
-- A counter per room ('r ' || folded name) or conversation ('p ' || key): the last id given. A node
-- numbers a message by raising its counter in the message's own transaction, so ids are gapless and
-- in commit order across nodes (a SEQUENCE leaves holes that never fill).
CREATE TABLE counters (
    counter_key TEXT   COLLATE "C" NOT NULL PRIMARY KEY,
    last        BIGINT NOT NULL
);

-- The cluster's name on the bus: made by the first node that starts on this database, read by every
-- other. Nodes that share a database share a bus subject; two clusters on one NATS server never mix.
CREATE TABLE cluster (
    one BOOLEAN NOT NULL PRIMARY KEY DEFAULT TRUE CHECK (one),
    id  TEXT    NOT NULL
);
INSERT INTO cluster (id) VALUES (md5(random()::text || clock_timestamp()::text));

-- Nicknames held across the cluster: one row per (name, node), under a lease the node renews. An
-- account connected to two nodes has two rows with one identity; a guest's name has one row.
CREATE TABLE nick_claims (
    nick_key TEXT        COLLATE "C" NOT NULL,
    node     TEXT        NOT NULL,
    nick     TEXT        NOT NULL,
    identity TEXT        NOT NULL,
    expires  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (nick_key, node)
);
CREATE INDEX nick_claims_node ON nick_claims (node);

-- Guest numbers across the cluster (holes do not matter here: a number is only a name).
CREATE SEQUENCE guest_numbers;

-- The nodes that said they were alive, with their session counts, for /nodes.
CREATE TABLE nodes (
    name     TEXT        NOT NULL PRIMARY KEY,
    sessions INTEGER     NOT NULL,
    seen     TIMESTAMPTZ NOT NULL
);
