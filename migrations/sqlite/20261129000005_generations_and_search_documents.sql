-- Zero-downtime rebuilds and catalogue documents; see the PostgreSQL migration.
ALTER TABLE projector_checkpoints ADD COLUMN generation integer NOT NULL DEFAULT 1;

-- SQLite cannot change a primary key in place: copy into a new table.
CREATE TABLE certificate_register_by_generation
(
    generation     integer NOT NULL DEFAULT 1,
    code           text    NOT NULL,
    participant_id text    NOT NULL,
    course_id      text    NOT NULL,
    enrolment_id   text    NOT NULL,
    score          integer NOT NULL,
    issued_at      text    NOT NULL,
    position       integer NOT NULL,
    PRIMARY KEY (generation, code)
) STRICT;
INSERT INTO certificate_register_by_generation
    (generation, code, participant_id, course_id, enrolment_id, score, issued_at, position)
SELECT 1, code, participant_id, course_id, enrolment_id, score, issued_at, position
FROM certificate_register;
DROP TABLE certificate_register;
ALTER TABLE certificate_register_by_generation RENAME TO certificate_register;
CREATE INDEX certificate_register_participant ON certificate_register (participant_id);
CREATE INDEX certificate_register_course ON certificate_register (course_id);

CREATE TABLE search_documents
(
    collection text    NOT NULL,
    generation integer NOT NULL,
    id         text    NOT NULL,
    state      text    NOT NULL,
    visible    integer NOT NULL,
    dirty      integer NOT NULL,
    PRIMARY KEY (collection, generation, id)
) STRICT;

CREATE INDEX search_documents_dirty ON search_documents (collection, generation) WHERE dirty;
