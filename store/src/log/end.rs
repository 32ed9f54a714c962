//! Where a reader that must stop stops: the log as it stood when it began (a replay, an
//! export), whatever commits meanwhile.

use super::{GlobalLog, ReadError, RecordedEvent};
use crate::Database;

/// The end of the log at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogEnd {
    /// PostgreSQL: every transaction with an id below this (the snapshot's `xmax`) had begun
    /// by then; the reader waits for those still running and reads none after.
    Transactions(u64),
    /// SQLite (one writer, positions in commit order): the last position then.
    Position(i64),
}

impl LogEnd {
    /// Whether `event` was in the log (or in a transaction running) at this end.
    pub fn includes(self, event: &RecordedEvent) -> bool {
        match self {
            Self::Transactions(xmax) => event.checkpoint.transaction_id < xmax,
            Self::Position(last) => event.checkpoint.position <= last,
        }
    }
}

impl GlobalLog {
    /// The end of the log now.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn end_now(&self) -> Result<LogEnd, ReadError> {
        Ok(match self.database() {
            Database::Postgres(pool, _) => {
                let xmax: String =
                    sqlx::query_scalar("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
                        .fetch_one(pool)
                        .await?;
                LogEnd::Transactions(xmax.parse().unwrap_or(u64::MAX))
            }
            Database::Sqlite(pool, _) => {
                let last: Option<i64> =
                    sqlx::query_scalar("SELECT max(global_position) FROM events")
                        .fetch_one(pool)
                        .await?;
                LogEnd::Position(last.unwrap_or(0))
            }
        })
    }

    /// After an empty read: whether every transaction inside `end` has ended, so nothing
    /// more of it can appear.
    ///
    /// # Errors
    /// [`ReadError::Sql`].
    pub async fn reached(&self, end: LogEnd) -> Result<bool, ReadError> {
        Ok(match (end, self.horizon().await?) {
            (LogEnd::Transactions(xmax), Some(horizon)) => horizon >= xmax,
            _ => true,
        })
    }
}
