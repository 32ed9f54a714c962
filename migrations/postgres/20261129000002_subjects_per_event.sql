-- Index each event under its own subjects (metadata `event_subjects`, keyed by sequence)
-- rather than under the union of its commit's subjects; events written before this fall back
-- to `subjects`.
CREATE OR REPLACE FUNCTION ruta_index_event() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    cmd      text  := NEW.metadata ->> 'command_id';
    commit   text  := NEW.metadata ->> 'commit_id';
    subjects jsonb := COALESCE(
        (NEW.metadata ->> 'event_subjects')::jsonb -> (NEW.sequence::text),
        (NEW.metadata ->> 'subjects')::jsonb,
        '[]'::jsonb);
BEGIN
    IF cmd IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM command_ids WHERE command_id = cmd AND commit_id = commit
    ) THEN
        INSERT INTO command_ids (command_id, commit_id, aggregate_type, aggregate_id)
        VALUES (cmd, commit, NEW.aggregate_type, NEW.aggregate_id);
    END IF;
    INSERT INTO event_subjects (subject, global_position)
    SELECT DISTINCT s, NEW.global_position
    FROM jsonb_array_elements_text(subjects) AS s;
    RETURN NULL;
END
$$;
