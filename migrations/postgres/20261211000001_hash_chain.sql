-- Tamper evidence (see store/src/chain.rs and store/src/seal.rs). Each event's hash links it to
-- the event before it in its stream; it is NULL only on rows written before this migration,
-- until the store fills them in after migrating (in stream order, the same computation).
ALTER TABLE events ADD COLUMN chain_hash text;

-- The order across streams, sealed after the fact by one sealer following the gap-safe reader:
-- seal n = SHA-256(seal n-1 || position || chain hash of the n-th event in log order). Writers
-- never touch this table, so sealing does not serialise them.
CREATE TABLE event_seals
(
    seal_index      bigint PRIMARY KEY CHECK (seal_index > 0),
    global_position bigint NOT NULL UNIQUE,
    seal            text   NOT NULL
);

-- Events written before this migration get their chain hash once, from the store right after
-- migrating, while this row exists; later a missing hash is evidence, never filled in.
CREATE TABLE chain_backfill
(
    pending integer NOT NULL
);
INSERT INTO chain_backfill (pending) VALUES (1);
