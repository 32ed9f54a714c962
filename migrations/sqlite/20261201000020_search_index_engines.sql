-- Which engine each catalogue generation was built into: a server pointed at another engine
-- (tantivy vs Meilisearch, or another Meilisearch) must rebuild rather than serve an index
-- that engine does not hold. See the PostgreSQL migration.
CREATE TABLE search_generations
(
    collection text    NOT NULL,
    generation integer NOT NULL,
    engine     text    NOT NULL,
    created_at text    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (collection, generation)
) STRICT;
