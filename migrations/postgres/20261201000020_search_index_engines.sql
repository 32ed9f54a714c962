-- Which engine each catalogue generation was built into (kind and location, never a key):
-- recorded when the projector first writes a generation, compared before a search is
-- answered, so a server pointed at another engine rebuilds instead of serving an index that
-- engine does not hold. Rows of dropped generations are deleted with them.
CREATE TABLE search_generations
(
    collection text        NOT NULL,
    generation bigint      NOT NULL,
    engine     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection, generation)
);
