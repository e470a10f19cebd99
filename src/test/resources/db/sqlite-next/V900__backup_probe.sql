-- A migration that only tests exist for: it makes SqliteStore keep a copy before migrating.
CREATE TABLE backup_probe (id INTEGER PRIMARY KEY);
