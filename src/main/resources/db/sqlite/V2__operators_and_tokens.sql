-- Server operators and session tokens, SQLite dialect (twin: db/postgresql/V2__operators_and_tokens.sql).

-- An operator is an account whose password the server's operator set (causerie server oper add):
-- never one that whoever came first registered.
ALTER TABLE accounts ADD COLUMN operator INTEGER NOT NULL DEFAULT 0;

-- Session tokens (/token, /resume): only the SHA-256 of a token is kept (hex), with its account and
-- its expiry in epoch milliseconds.
CREATE TABLE tokens (
    hash       TEXT    NOT NULL PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    expires    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- /password revokes all of an account's tokens; issuing one sweeps the expired ones.
CREATE INDEX tokens_account ON tokens (account_id);
CREATE INDEX tokens_expires ON tokens (expires);
