-- Benchmark data only; see sqlite.sql. Run: psql DATABASE_URL -f replay/benches/amplify/postgres.sql
BEGIN;
INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
SELECT e.aggregate_type, e.aggregate_id || '~' || c.n, e.sequence, e.event_type, e.event_version,
       CASE WHEN e.event_type = 'CertificateIssued'
            THEN jsonb_set(e.payload::jsonb, '{verification_code}',
                           to_jsonb((e.payload ->> 'verification_code') || '~' || c.n))
            ELSE e.payload::jsonb END,
       e.metadata::jsonb || jsonb_build_object(
           'command_id', (e.metadata ->> 'command_id') || '~' || c.n,
           'commit_id', (e.metadata ->> 'commit_id') || '~' || c.n)
FROM generate_series(1, 47) AS c(n)
JOIN events e ON strpos(e.aggregate_id, '~') = 0
ORDER BY c.n, e.global_position;
COMMIT;
