//! A participant's journey: every event whose subjects include them, across all aggregates.
//!
//! Served from `event_subjects`, which a trigger fills in the same transaction as the event,
//! so a journey is complete as soon as a command returns. Unlike the global log it does not
//! wait for older transactions to finish: staff auditing a journey see what was just written.

use ruta_store::Database;

use crate::recorded::{parse_rows, Row};
use crate::{Checkpoint, LogError, RecordedEvent};

const PG_JOURNEY: &str = "
SELECT e.transaction_id::text, e.global_position, e.aggregate_type, e.aggregate_id, e.sequence,
       e.event_type, e.event_version, e.payload::text, e.metadata::text
  FROM event_subjects s
  JOIN events e ON e.global_position = s.global_position
 WHERE s.subject = $1
   AND (e.transaction_id, e.global_position) > ($2::text::xid8, $3)
 ORDER BY e.transaction_id, e.global_position
 LIMIT $4";

const SQLITE_JOURNEY: &str = "
SELECT '0', e.global_position, e.aggregate_type, e.aggregate_id, e.sequence,
       e.event_type, e.event_version, e.payload, e.metadata
  FROM event_subjects s
  JOIN events e ON e.global_position = s.global_position
 WHERE s.subject = $1 AND $2 = $2 AND s.global_position > $3
 ORDER BY e.global_position
 LIMIT $4";

/// Up to `limit` events of `subject`'s journey after `after`, in global-log order.
///
/// # Errors
/// [`LogError`] when the database fails or a row does not parse.
pub async fn journey(
    db: &Database,
    subject: &str,
    after: Checkpoint,
    limit: u32,
) -> Result<Vec<RecordedEvent>, LogError> {
    let rows: Vec<Row> = match db {
        Database::Postgres(pool) => {
            sqlx::query_as(PG_JOURNEY)
                .bind(subject)
                .bind(after.transaction_id.to_string())
                .bind(after.position)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        }
        Database::Sqlite(pool) => {
            sqlx::query_as(SQLITE_JOURNEY)
                .bind(subject)
                .bind(after.transaction_id.to_string())
                .bind(after.position)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        }
    };
    parse_rows(rows)
}
