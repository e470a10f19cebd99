-- Which nodes have a room that does not last open, so that one node, once, decides it opens the room anew
-- (and its first member runs it): a node opening such a room takes an advisory lock on its name, looks for
-- another live node's row here or member row (room_members), and writes its own row, in one transaction
-- (chat/Rooms.open, Claims.opens). Two nodes opening one room at the same instant are serialised by the lock:
-- the second sees the first's row, written before either has a member there. A row names the node's stay
-- of the room (a random id per opening), so that the removal of an earlier stay's row, when the room closed
-- there, never removes a later stay's. A dead node's rows are passed over (the nodes table); a node's own
-- rows are removed with its member rows when it starts or rewrites them.
CREATE TABLE room_openings (
    room_key TEXT COLLATE "C" NOT NULL,
    node     TEXT NOT NULL,
    stay     TEXT NOT NULL,
    PRIMARY KEY (room_key, node)
);
