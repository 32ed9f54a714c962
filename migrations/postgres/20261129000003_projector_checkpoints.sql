-- Where each SQL projector stands in the global log. The runner writes a projector's row in
-- the same transaction as its read model, so the two never disagree after a crash.
-- The checkpoint is the pair (transaction_id, position), never the position alone (see
-- projections/src/global_log.rs).
CREATE TABLE projector_checkpoints
(
    name                 text PRIMARY KEY,
    -- A different version in code than here means the read model is rebuilt from zero.
    version              bigint      NOT NULL,
    transaction_id       xid8        NOT NULL DEFAULT '0',
    position             bigint      NOT NULL DEFAULT 0,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    -- Consecutive failed attempts at the event below; reset by the next successful batch.
    failed_attempts      bigint      NOT NULL DEFAULT 0,
    last_error           text,
    error_transaction_id xid8,
    error_position       bigint,
    -- The event kept failing: the runner stopped this projector until the next start.
    poisoned             boolean     NOT NULL DEFAULT false
);
