-- The postgres-es event table (its columns are named in every insert and select, so the
-- extra columns added below, with defaults, are filled inside postgres-es's own insert).
CREATE TABLE events
(
    aggregate_type text                         NOT NULL,
    aggregate_id   text                         NOT NULL,
    sequence       bigint CHECK (sequence >= 0) NOT NULL,
    event_type     text                         NOT NULL,
    event_version  text                         NOT NULL,
    payload        jsonb                        NOT NULL,
    metadata       jsonb                        NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id, sequence)
);

-- Global log. Positions are handed out at insert time but commit out of order, so readers
-- order and checkpoint on (transaction_id, global_position) and only read transactions older
-- than every transaction still running (see projections/src/global_log.rs).
ALTER TABLE events ADD COLUMN global_position bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE events ADD COLUMN transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE UNIQUE INDEX events_global_position ON events (global_position);
CREATE UNIQUE INDEX events_global_order ON events (transaction_id, global_position);

-- A participant's journey is one indexed lookup across every aggregate.
CREATE TABLE event_subjects
(
    subject         text   NOT NULL,
    global_position bigint NOT NULL,
    PRIMARY KEY (subject, global_position)
);

-- Each command id belongs to exactly one commit. A second commit carrying the same id fails
-- with a unique violation, which postgres-es reports as a conflict; the executor then
-- retries and finds the first outcome.
CREATE TABLE command_ids
(
    command_id     text PRIMARY KEY,
    commit_id      text NOT NULL,
    aggregate_type text NOT NULL,
    aggregate_id   text NOT NULL
);

CREATE FUNCTION ruta_index_event() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    cmd    text := NEW.metadata ->> 'command_id';
    commit text := NEW.metadata ->> 'commit_id';
BEGIN
    IF cmd IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM command_ids WHERE command_id = cmd AND commit_id = commit
    ) THEN
        INSERT INTO command_ids (command_id, commit_id, aggregate_type, aggregate_id)
        VALUES (cmd, commit, NEW.aggregate_type, NEW.aggregate_id);
    END IF;
    INSERT INTO event_subjects (subject, global_position)
    SELECT DISTINCT s, NEW.global_position
    FROM jsonb_array_elements_text(COALESCE(NEW.metadata ->> 'subjects', '[]')::jsonb) AS s;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_index
    AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION ruta_index_event();

-- Certificates are verified against the log itself: valid iff the event exists.
CREATE UNIQUE INDEX events_certificate_code ON events ((payload ->> 'verification_code'))
    WHERE event_type = 'CertificateIssued';

CREATE TABLE api_tokens
(
    token_hash text PRIMARY KEY,
    role       text        NOT NULL,
    subject    text,
    label      text,
    created_at timestamptz NOT NULL DEFAULT now()
);
