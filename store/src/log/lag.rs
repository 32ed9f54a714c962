//! Where a reader stands against the log: the checkpoint of one position, and how far a
//! checkpoint lags behind the newest event.

use chrono::{DateTime, Utc};

use super::{Checkpoint, GlobalLog, ReadError};
use crate::Database;

const PG_EVENT: &str = "SELECT transaction_id::text FROM events WHERE global_position = $1";
const SQLITE_EVENT: &str = "SELECT '0' FROM events WHERE global_position = $1";

const PG_LAG: &str = "SELECT count(*) FROM events
    WHERE (transaction_id, global_position) > ($1::text::xid8, $2)";
const SQLITE_LAG: &str = "SELECT count(*) FROM events WHERE global_position > $2 AND $1 = $1";

// The newest event, and the last applied one (before the first: the oldest event).
const PG_NEWEST: &str = "SELECT metadata ->> 'recorded_at' FROM events
    ORDER BY global_position DESC LIMIT 1";
const SQLITE_NEWEST: &str = "SELECT json_extract(metadata, '$.recorded_at') FROM events
    ORDER BY global_position DESC LIMIT 1";
const PG_APPLIED: &str = "SELECT metadata ->> 'recorded_at' FROM events
    WHERE global_position >= $1 ORDER BY global_position LIMIT 1";
const SQLITE_APPLIED: &str = "SELECT json_extract(metadata, '$.recorded_at') FROM events
    WHERE global_position >= $1 ORDER BY global_position LIMIT 1";

/// How far a checkpoint is behind the log.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lag {
    /// Events committed after the checkpoint.
    pub events: i64,
    /// Recorded time from the event at the checkpoint to the newest one (0 when caught up).
    pub seconds: i64,
}

impl GlobalLog {
    /// The checkpoint of the event at global `position`, if the log holds one there.
    ///
    /// # Errors
    /// [`ReadError`] when the database fails or the transaction id does not parse.
    pub async fn checkpoint_at(&self, position: i64) -> Result<Option<Checkpoint>, ReadError> {
        let found: Option<String> = match self.database() {
            Database::Postgres(pool, _) => {
                sqlx::query_scalar(PG_EVENT)
                    .bind(position)
                    .fetch_optional(pool)
                    .await?
            }
            Database::Sqlite(pool, _) => {
                sqlx::query_scalar(SQLITE_EVENT)
                    .bind(position)
                    .fetch_optional(pool)
                    .await?
            }
        };
        found
            .map(|tx| {
                let transaction_id = tx.parse().map_err(|e| ReadError::Corrupt {
                    position,
                    reason: format!("transaction id {tx:?}: {e}"),
                })?;
                Ok(Checkpoint {
                    transaction_id,
                    position,
                })
            })
            .transpose()
    }

    /// How far `after` lags behind the log.
    ///
    /// # Errors
    /// [`ReadError`] when the database fails or a recorded time does not parse.
    pub async fn lag(&self, after: Checkpoint) -> Result<Lag, ReadError> {
        let (sql_lag, sql_newest, sql_applied) = match self.database() {
            Database::Postgres(..) => (PG_LAG, PG_NEWEST, PG_APPLIED),
            Database::Sqlite(..) => (SQLITE_LAG, SQLITE_NEWEST, SQLITE_APPLIED),
        };
        let (events, newest, applied) = crate::with_pool!(self.database(), pool => {
            let events: i64 = sqlx::query_scalar(sql_lag)
                .bind(after.transaction_id.to_string())
                .bind(after.position)
                .fetch_one(pool)
                .await?;
            let newest: Option<Option<String>> =
                sqlx::query_scalar(sql_newest).fetch_optional(pool).await?;
            let applied: Option<Option<String>> = sqlx::query_scalar(sql_applied)
                .bind(after.position)
                .fetch_optional(pool)
                .await?;
            (events, newest.flatten(), applied.flatten())
        });
        let mut lag = Lag { events, seconds: 0 };
        if events > 0 {
            if let (Some(newest), Some(applied)) = (newest, applied) {
                let seconds = (recorded_at(&newest)? - recorded_at(&applied)?).num_seconds();
                lag.seconds = seconds.max(0);
            }
        }
        Ok(lag)
    }
}

fn recorded_at(text: &str) -> Result<DateTime<Utc>, ReadError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| ReadError::Corrupt {
            position: 0,
            reason: format!("recorded_at {text:?}: {e}"),
        })
}
