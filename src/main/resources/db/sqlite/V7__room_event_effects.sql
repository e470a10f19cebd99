-- The same as PostgreSQL's V7 (what a room event does besides being shown), so one JDBC code writes both;
-- a single node writes no room events.
ALTER TABLE room_events ADD COLUMN about TEXT NOT NULL DEFAULT '';

-- As PostgreSQL's: a room's last topic change and mode changes (Store.roomTopicAt, roomModesAt).
CREATE INDEX room_events_state ON room_events (room_key, kind, seq) WHERE kind IN (7, 8);
