-- The writer hands out global positions itself, under the write lock, in the insert (so they
-- come back without a second query and a group of commits needs one statement each); the
-- trigger fills only rows inserted without one.
DROP TRIGGER events_index;

CREATE TRIGGER events_index
    AFTER INSERT ON events
BEGIN
    UPDATE events
    SET global_position = (SELECT COALESCE(MAX(global_position), 0) + 1 FROM events)
    WHERE rowid = NEW.rowid AND NEW.global_position IS NULL;
    INSERT INTO event_subjects (subject, global_position)
    SELECT DISTINCT value, (SELECT global_position FROM events WHERE rowid = NEW.rowid)
    FROM json_each(COALESCE(
        json_extract(json_extract(NEW.metadata, '$.event_subjects'), '$."' || NEW.sequence || '"'),
        json_extract(NEW.metadata, '$.subjects'),
        '[]'));
END;
