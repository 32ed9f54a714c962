//! All events of all aggregates in one total order that never skips an event.
//!
//! PostgreSQL hands out `global_position` at insert time, but transactions commit in any
//! order: a reader that checkpoints on the position alone skips an event whose transaction
//! commits after a later position was read. So each row also stores the id of the
//! transaction that wrote it, and the reader
//! - only returns rows whose transaction is older than every transaction still running
//!   (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`): those can no longer change;
//! - orders and checkpoints on the pair `(transaction_id, global_position)`. Any transaction
//!   that commits later has an id at or above that horizon, so it sorts after the checkpoint.
//!
//! The cost: one long-running transaction anywhere in the cluster holds readers back (they
//! lag, they never skip). On SQLite writers are serialised and positions are assigned inside
//! the write lock, so position order is commit order; its `transaction_id` is always 0.

use ruta_store::Database;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::recorded::{parse_rows, Row};
use crate::{LogError, RecordedEvent};

/// A place in the global log: resume reading strictly after it. Ordered as the log is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Checkpoint {
    pub transaction_id: u64,
    pub position: i64,
}

impl Checkpoint {
    /// Before the first event.
    pub const START: Checkpoint = Checkpoint {
        transaction_id: 0,
        position: 0,
    };
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.transaction_id, self.position)
    }
}

impl std::str::FromStr for Checkpoint {
    type Err = String;

    /// Parses `transaction_id.position` (as displayed) or a bare position (SQLite).
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a checkpoint (expected N.N)");
        match s.split_once('.') {
            Some((tx, pos)) => Ok(Self {
                transaction_id: tx.parse().map_err(|_| bad())?,
                position: pos.parse().map_err(|_| bad())?,
            }),
            None => Ok(Self {
                transaction_id: 0,
                position: s.parse().map_err(|_| bad())?,
            }),
        }
    }
}

const PG_READ: &str = "
SELECT transaction_id::text, global_position, aggregate_type, aggregate_id, sequence,
       event_type, event_version, payload::text, metadata::text
  FROM events
 WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
   AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
 ORDER BY transaction_id, global_position
 LIMIT $3";

const SQLITE_READ: &str = "
SELECT '0', global_position, aggregate_type, aggregate_id, sequence,
       event_type, event_version, payload, metadata
  FROM events
 WHERE global_position > $2 AND $1 = $1
 ORDER BY global_position
 LIMIT $3";

/// Reader of the global log.
#[derive(Debug, Clone)]
pub struct GlobalLog {
    db: Database,
}

impl GlobalLog {
    pub fn new(db: Database) -> Self {
        Self { db }
    }

    /// Up to `limit` events strictly after `after`, in log order.
    ///
    /// An empty answer means "nothing final yet", not "end of log for ever": poll again.
    ///
    /// # Errors
    /// [`LogError`] when the database fails or a row does not parse.
    pub async fn read_after(
        &self,
        after: Checkpoint,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, LogError> {
        let rows: Vec<Row> = match &self.db {
            Database::Postgres(pool) => {
                sqlx::query_as(PG_READ)
                    .bind(after.transaction_id.to_string())
                    .bind(after.position)
                    .bind(i64::from(limit))
                    .fetch_all(pool)
                    .await?
            }
            Database::Sqlite(pool) => {
                sqlx::query_as(SQLITE_READ)
                    .bind(after.transaction_id.to_string())
                    .bind(after.position)
                    .bind(i64::from(limit))
                    .fetch_all(pool)
                    .await?
            }
        };
        parse_rows(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::Checkpoint;

    #[test]
    fn it_orders_checkpoints_by_transaction_first() {
        let a = Checkpoint {
            transaction_id: 7,
            position: 90,
        };
        let b = Checkpoint {
            transaction_id: 8,
            position: 3,
        };
        assert!(a < b);
        assert_eq!("7.90".parse::<Checkpoint>(), Ok(a));
        assert_eq!("12".parse::<Checkpoint>().map(|c| c.position), Ok(12));
        assert!("x.1".parse::<Checkpoint>().is_err());
    }
}
