-- Server operators and session tokens, PostgreSQL dialect (twin: db/sqlite/V2__operators_and_tokens.sql).

-- An operator is an account whose password the server's operator set (causerie server oper add):
-- never one that whoever came first registered.
ALTER TABLE accounts ADD COLUMN operator BOOLEAN NOT NULL DEFAULT FALSE;

-- Session tokens (/token, /resume): only the SHA-256 of a token is kept (hex), with its account and
-- its expiry in epoch milliseconds.
CREATE TABLE tokens (
    hash       TEXT   COLLATE "C" NOT NULL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    expires    BIGINT NOT NULL
);

-- /password revokes all of an account's tokens; issuing one sweeps the expired ones.
CREATE INDEX tokens_account ON tokens (account_id);
CREATE INDEX tokens_expires ON tokens (expires);
