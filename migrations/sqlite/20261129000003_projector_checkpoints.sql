-- Where each SQL projector stands in the global log; see the PostgreSQL migration. On SQLite
-- the transaction id is always 0 (position order is commit order).
CREATE TABLE projector_checkpoints
(
    name                 text PRIMARY KEY,
    version              integer NOT NULL,
    transaction_id       integer NOT NULL DEFAULT 0,
    position             integer NOT NULL DEFAULT 0,
    updated_at           text    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    failed_attempts      integer NOT NULL DEFAULT 0,
    last_error           text,
    error_transaction_id integer,
    error_position       integer,
    poisoned             integer NOT NULL DEFAULT 0
) STRICT;
