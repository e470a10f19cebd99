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
