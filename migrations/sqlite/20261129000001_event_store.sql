-- The sqlite-es event table. sqlite-es recognises an optimistic-lock conflict by the
-- primary-key error code (1555), so the primary key must stay (aggregate, id, sequence).
CREATE TABLE events
(
    aggregate_type  text                          NOT NULL,
    aggregate_id    text                          NOT NULL,
    sequence        integer CHECK (sequence >= 0) NOT NULL,
    event_type      text                          NOT NULL,
    event_version   text                          NOT NULL,
    payload         text                          NOT NULL,
    metadata        text                          NOT NULL,
    -- Filled by the trigger below. SQLite serialises writers, so position order is commit
    -- order. Not the rowid: VACUUM may renumber rowids of a table without an integer key.
    global_position integer,
    PRIMARY KEY (aggregate_type, aggregate_id, sequence)
) STRICT;

CREATE UNIQUE INDEX events_global_position ON events (global_position);

CREATE TABLE event_subjects
(
    subject         text    NOT NULL,
    global_position integer NOT NULL,
    PRIMARY KEY (subject, global_position)
) STRICT, WITHOUT ROWID;

-- Each command id belongs to exactly one commit; see the PostgreSQL migration. A second commit
-- with the same id hits this primary key (error 1555), which sqlite-es reports as a conflict.
CREATE TABLE command_ids
(
    command_id     text PRIMARY KEY,
    commit_id      text NOT NULL,
    aggregate_type text NOT NULL,
    aggregate_id   text NOT NULL
) STRICT;

CREATE TRIGGER events_claim_command_id
    BEFORE INSERT ON events
    WHEN json_extract(NEW.metadata, '$.command_id') IS NOT NULL
        AND NOT EXISTS (SELECT 1
                        FROM command_ids
                        WHERE command_id = json_extract(NEW.metadata, '$.command_id')
                          AND commit_id = json_extract(NEW.metadata, '$.commit_id'))
BEGIN
    INSERT INTO command_ids (command_id, commit_id, aggregate_type, aggregate_id)
    VALUES (json_extract(NEW.metadata, '$.command_id'), json_extract(NEW.metadata, '$.commit_id'),
            NEW.aggregate_type, NEW.aggregate_id);
END;

CREATE TRIGGER events_index
    AFTER INSERT ON events
BEGIN
    UPDATE events
    SET global_position = (SELECT COALESCE(MAX(global_position), 0) + 1 FROM events)
    WHERE rowid = NEW.rowid;
    INSERT INTO event_subjects (subject, global_position)
    SELECT DISTINCT value, (SELECT global_position FROM events WHERE rowid = NEW.rowid)
    FROM json_each(COALESCE(json_extract(NEW.metadata, '$.subjects'), '[]'));
END;

CREATE UNIQUE INDEX events_certificate_code ON events (json_extract(payload, '$.verification_code'))
    WHERE event_type = 'CertificateIssued';

CREATE TABLE api_tokens
(
    token_hash text PRIMARY KEY,
    role       text NOT NULL,
    subject    text,
    label      text,
    created_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
