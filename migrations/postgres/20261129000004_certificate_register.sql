-- Read model of the `certificates` projector: one row per issued certificate. Verification
-- still reads the log itself (events_certificate_code); this table serves lists and reports.
CREATE TABLE certificate_register
(
    code           text PRIMARY KEY,
    participant_id text        NOT NULL,
    course_id      text        NOT NULL,
    enrolment_id   text        NOT NULL,
    score          bigint      NOT NULL,
    issued_at      timestamptz NOT NULL,
    -- Global position of the CertificateIssued event.
    position       bigint      NOT NULL
);

CREATE INDEX certificate_register_participant ON certificate_register (participant_id);
CREATE INDEX certificate_register_course ON certificate_register (course_id);
