-- Index each event under its own subjects (metadata `event_subjects`, keyed by sequence)
-- rather than under the union of its commit's subjects; events written before this fall back
-- to `subjects`.
DROP TRIGGER events_index;

CREATE TRIGGER events_index
    AFTER INSERT ON events
BEGIN
    UPDATE events
    SET global_position = (SELECT COALESCE(MAX(global_position), 0) + 1 FROM events)
    WHERE rowid = NEW.rowid;
    INSERT INTO event_subjects (subject, global_position)
    SELECT DISTINCT value, (SELECT global_position FROM events WHERE rowid = NEW.rowid)
    FROM json_each(COALESCE(
        json_extract(json_extract(NEW.metadata, '$.event_subjects'), '$."' || NEW.sequence || '"'),
        json_extract(NEW.metadata, '$.subjects'),
        '[]'));
END;
