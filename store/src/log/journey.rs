//! A participant's journey: every event whose subjects include them, across all aggregates.
//!
//! Served from `event_subjects`, which a trigger fills in the same transaction as the event,
//! so a journey is complete as soon as a command returns. Unlike the global log it does not
//! wait for older transactions to finish: staff auditing a journey see what was just written.

use crate::Database;

use super::recorded::{parse_rows, Row};
use super::{Checkpoint, ReadError, RecordedEvent};

const PG_JOURNEY: &str = "
SELECT e.transaction_id::text, e.global_position, e.aggregate_type, e.aggregate_id, e.sequence,
       e.event_type, e.event_version, e.payload::text, e.metadata::text, e.chain_hash
  FROM event_subjects s
  JOIN events e ON e.global_position = s.global_position
 WHERE s.subject = $1
   AND (e.transaction_id, e.global_position) > ($2::text::xid8, $3)
 ORDER BY e.transaction_id, e.global_position
 LIMIT $4";

const SQLITE_JOURNEY: &str = "
SELECT '0', e.global_position, e.aggregate_type, e.aggregate_id, e.sequence,
       e.event_type, e.event_version, e.payload, e.metadata, e.chain_hash
  FROM event_subjects s
  JOIN events e ON e.global_position = s.global_position
 WHERE s.subject = $1 AND $2 = $2 AND s.global_position > $3
 ORDER BY e.global_position
 LIMIT $4";

/// Up to `limit` events of `subject`'s journey after `after`, in global-log order.
///
/// # Errors
/// [`ReadError`] when the database fails or a row does not parse.
pub async fn journey(
    db: &Database,
    subject: &str,
    after: Checkpoint,
    limit: u32,
) -> Result<Vec<RecordedEvent>, ReadError> {
    let rows: Vec<Row> = match db {
        Database::Postgres(pool, _) => {
            sqlx::query_as(PG_JOURNEY)
                .bind(subject)
                .bind(after.transaction_id.to_string())
                .bind(after.position)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        }
        Database::Sqlite(pool, _) => {
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

/// Which events of a journey to keep: any of the aggregate types and any of the event types
/// (empty = all), with business time (`occurred_at`) in `[from, to)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JourneyFilter {
    pub aggregate_types: Vec<String>,
    pub event_types: Vec<String>,
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}

impl JourneyFilter {
    pub fn matches(&self, event: &RecordedEvent) -> bool {
        let listed =
            |list: &[String], value: &str| list.is_empty() || list.iter().any(|v| v == value);
        if !listed(&self.aggregate_types, &event.aggregate_type)
            || !listed(&self.event_types, &event.event_type)
        {
            return false;
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        // Compared as instants, not strings: stored times may differ in precision.
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(&event.metadata.occurred_at) else {
            return false;
        };
        self.from.is_none_or(|from| at >= from) && self.to.is_none_or(|to| at < to)
    }
}

/// One page of a filtered journey: the matching events, and where to resume when the
/// journey may hold more.
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyPage {
    pub events: Vec<RecordedEvent>,
    pub next: Option<Checkpoint>,
}

/// Events read from the subject index per query while filling a filtered page.
const SCAN: u32 = 500;

/// Up to `limit` events of `subject`'s journey after `after` that pass `filter`.
///
/// The subject index bounds the scan to this participant's events, so filtering them here
/// costs what the journey costs, however large the log.
///
/// # Errors
/// [`ReadError`] when the database fails or a row does not parse.
pub async fn journey_page(
    db: &Database,
    subject: &str,
    mut after: Checkpoint,
    limit: u32,
    filter: &JourneyFilter,
) -> Result<JourneyPage, ReadError> {
    let mut events = Vec::new();
    loop {
        let scanned = journey(db, subject, after, SCAN).await?;
        let exhausted = scanned.len() < SCAN as usize;
        for event in scanned {
            after = event.checkpoint;
            if filter.matches(&event) {
                events.push(event);
                if events.len() == limit as usize {
                    return Ok(JourneyPage {
                        events,
                        next: Some(after),
                    });
                }
            }
        }
        if exhausted {
            return Ok(JourneyPage { events, next: None });
        }
    }
}
