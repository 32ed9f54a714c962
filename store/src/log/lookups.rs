//! Questions answered straight from the log through an expression index.

use crate::Database;

use super::recorded::{parse_rows, Row};
use super::{ReadError, RecordedEvent};

// Each query repeats its index's expression exactly, so the planner uses the index.
const PG_CERTIFICATE: &str = "
SELECT transaction_id::text, global_position, aggregate_type, aggregate_id, sequence,
       event_type, event_version, payload::text, metadata::text, chain_hash
  FROM events
 WHERE event_type = 'CertificateIssued' AND (payload ->> 'verification_code') = $1";

const SQLITE_CERTIFICATE: &str = "
SELECT '0', global_position, aggregate_type, aggregate_id, sequence,
       event_type, event_version, payload, metadata, chain_hash
  FROM events
 WHERE event_type = 'CertificateIssued' AND json_extract(payload, '$.verification_code') = $1";

/// The `CertificateIssued` event carrying `code`, if any: a certificate is valid exactly
/// when the log holds it.
///
/// # Errors
/// [`ReadError`] when the database fails or the row does not parse.
pub async fn find_certificate(
    db: &Database,
    code: &str,
) -> Result<Option<RecordedEvent>, ReadError> {
    let rows: Vec<Row> = match db {
        Database::Postgres(pool, _) => {
            sqlx::query_as(PG_CERTIFICATE)
                .bind(code)
                .fetch_all(pool)
                .await?
        }
        Database::Sqlite(pool, _) => {
            sqlx::query_as(SQLITE_CERTIFICATE)
                .bind(code)
                .fetch_all(pool)
                .await?
        }
    };
    Ok(parse_rows(rows)?.into_iter().next())
}
