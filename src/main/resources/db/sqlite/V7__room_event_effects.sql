-- The same as PostgreSQL's V7 (what a room event does besides being shown), so one JDBC code writes both;
-- a single node writes no room events.
ALTER TABLE room_events ADD COLUMN about TEXT NOT NULL DEFAULT '';
