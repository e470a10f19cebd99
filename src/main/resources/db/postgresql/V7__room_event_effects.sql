-- A room event that changes the room's state on every node, not only what its members see: a mode change
-- (its argument: the identity given or taken operator or voice, the ban mask, the key), a kick (the kicked
-- member's identity, for the node that holds it), a quit told for a dead node's user (that node). Read back
-- with the event, so a node that missed it on the bus applies it in its place. '' for the other events.
ALTER TABLE room_events ADD COLUMN about TEXT NOT NULL DEFAULT '';

-- The last topic change of a room at or below a place: a node that opens a room open on other nodes shows
-- its joiners that topic (Store.roomTopicAt), and applies the mode changes (8) over the stored
-- state (Store.roomModesAt). Both are few among a room's events.
CREATE INDEX room_events_state ON room_events (room_key, kind, seq) WHERE kind IN (7, 8);
