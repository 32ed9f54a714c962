-- Benchmark data only: turns a log holding one demo programme (ids without '~') into one
-- ~48 times larger by appending 47 renamed copies of its events (aggregate ids, command and
-- commit ids and certificate codes get a '~N' suffix). The copies are written with SQL, not
-- through the command layer: generating a million events through it takes ~20 minutes per
-- backend on an idle 2-core machine. Replay throughput does not depend on how events were
-- written. Run: sqlite3 demo.db < replay/benches/amplify/sqlite.sql
BEGIN;
WITH RECURSIVE copies(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copies WHERE n < 47)
INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
SELECT e.aggregate_type, e.aggregate_id || '~' || c.n, e.sequence, e.event_type, e.event_version,
       CASE WHEN e.event_type = 'CertificateIssued'
            THEN json_set(e.payload, '$.verification_code',
                          json_extract(e.payload, '$.verification_code') || '~' || c.n)
            ELSE e.payload END,
       json_set(e.metadata,
                '$.command_id', json_extract(e.metadata, '$.command_id') || '~' || c.n,
                '$.commit_id', json_extract(e.metadata, '$.commit_id') || '~' || c.n)
FROM copies c
JOIN events e ON instr(e.aggregate_id, '~') = 0
ORDER BY c.n, e.global_position;
COMMIT;
