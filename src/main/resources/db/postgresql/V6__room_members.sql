-- Who is in which room on which node, for the cluster (PostgreSQL only: a cluster needs PostgreSQL).
-- Each node writes the rows of its own members as they join, leave, are kicked or change nickname
-- (chat/Presence), so that /who, /names and /rooms answer for every node, and so that when a node dies
-- a live node can take its rows and tell, in every room on every node, that its users quit. A row of a
-- node that stopped saying it is alive (the nodes table) is taken by the next sweep.
CREATE TABLE room_members (
    room_key TEXT COLLATE "C" NOT NULL,
    room     TEXT NOT NULL,
    nick_key TEXT COLLATE "C" NOT NULL,
    nick     TEXT NOT NULL,
    identity TEXT NOT NULL,
    node     TEXT NOT NULL,
    PRIMARY KEY (room_key, nick_key, node)
);
CREATE INDEX room_members_node ON room_members (node);
