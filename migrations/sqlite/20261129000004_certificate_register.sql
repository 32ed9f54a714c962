-- Read model of the `certificates` projector; see the PostgreSQL migration.
CREATE TABLE certificate_register
(
    code           text PRIMARY KEY,
    participant_id text    NOT NULL,
    course_id      text    NOT NULL,
    enrolment_id   text    NOT NULL,
    score          integer NOT NULL,
    issued_at      text    NOT NULL,
    position       integer NOT NULL
) STRICT;

CREATE INDEX certificate_register_participant ON certificate_register (participant_id);
CREATE INDEX certificate_register_course ON certificate_register (course_id);
