-- Zero-downtime rebuilds: a projector writes its read model under a generation. A rebuild
-- fills generation n+1 beside the live one (its own checkpoint row, `<name>#rebuild`), then
-- one transaction hands the live row over to it; readers follow the live row's generation.
ALTER TABLE projector_checkpoints ADD COLUMN generation bigint NOT NULL DEFAULT 1;

ALTER TABLE certificate_register ADD COLUMN generation bigint NOT NULL DEFAULT 1;
ALTER TABLE certificate_register DROP CONSTRAINT certificate_register_pkey;
ALTER TABLE certificate_register ADD PRIMARY KEY (generation, code);

-- The state of every catalogue document (courses, listings, mentors), whether it is visible
-- or not: events such as a price change carry only what changed. `dirty` rows are pushed to the
-- search engine before the batch that dirtied them commits, so the engine never lags the
-- checkpoint; a crash in between re-sends them (upserts by id are idempotent).
CREATE TABLE search_documents
(
    collection text    NOT NULL,
    generation bigint  NOT NULL,
    id         text    NOT NULL,
    state      text    NOT NULL,
    visible    boolean NOT NULL,
    dirty      boolean NOT NULL,
    PRIMARY KEY (collection, generation, id)
);

CREATE INDEX search_documents_dirty ON search_documents (collection, generation) WHERE dirty;
