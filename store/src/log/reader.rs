//! All events of all aggregates in one total order that never skips an event.
//!
//! PostgreSQL hands out `global_position` at insert time, but transactions commit in any
//! order: a reader that checkpoints on the position alone skips an event whose transaction
//! commits after a later position was read. So each row also stores the id of the
//! transaction that wrote it, and the reader
//! - only returns rows whose transaction is older than every transaction of this database
//!   still running (the *horizon*, below): those can no longer change;
//! - orders and checkpoints on the pair `(transaction_id, global_position)`. Any transaction
//!   that commits later has an id at or above that horizon, so it sorts after the checkpoint.
//!
//! The horizon is `pg_snapshot_xmin(pg_current_snapshot())` without the transactions that
//! `pg_stat_activity` shows running in *other* databases of the cluster: transaction ids are
//! cluster-wide, but a transaction can only write to its own database, so another database's
//! long transaction (a bulk load, a migration, another application's test suite) must not
//! hold this log back. A running transaction it cannot place (a session of another role it
//! may not see, a prepared transaction) stays in, so the horizon errs towards lagging, never
//! towards skipping. The cost that remains: a long transaction in this database holds readers
//! back (they lag, they never skip).
//!
//! On SQLite writers are serialised and positions are assigned inside the write lock, so
//! position order is commit order; its `transaction_id` is always 0.

use crate::Database;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::recorded::{parse_rows, Row};
use super::{ReadError, RecordedEvent};

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

/// The horizon (see the module's documentation) as an SQL expression of type `xid8`. Only
/// positive evidence (a running id that a session of another database holds) takes an id
/// out; everything else, including an id taken after `pg_stat_activity` was read, stays in.
macro_rules! pg_horizon {
    () => {
        "(SELECT coalesce(
           (SELECT min(running) FROM pg_snapshot_xip(snap) AS running
             WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity AS elsewhere
                                WHERE elsewhere.backend_xid = xid(running)
                                  AND elsewhere.datname <> current_database())),
           pg_snapshot_xmax(snap))
          FROM pg_current_snapshot() AS snap)"
    };
}

const PG_READ: &str = concat!(
    "
SELECT transaction_id::text, global_position, aggregate_type, aggregate_id, sequence,
       event_type, event_version, payload::text, metadata::text, chain_hash
  FROM events
 WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
   AND transaction_id < ",
    pg_horizon!(),
    // Qualified on purpose: a bare `transaction_id` here names the *output* column, the id
    // as text, and "10000" sorts before "9999": the reader skipped events whenever the
    // cluster's transaction ids gained a digit.
    "
 ORDER BY events.transaction_id, events.global_position
 LIMIT $3"
);

const PG_HORIZON: &str = concat!("SELECT ", pg_horizon!(), "::text::int8");

pub(crate) const SQLITE_READ: &str = "
SELECT '0', global_position, aggregate_type, aggregate_id, sequence,
       event_type, event_version, payload, metadata, chain_hash
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

    /// The database the log is read from.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// PostgreSQL: the id below which every transaction that could write to the log has
    /// ended (the module's *horizon*). SQLite has one writer at a time and no such id: `None`.
    ///
    /// # Errors
    /// [`ReadError`] when the database fails.
    pub async fn horizon(&self) -> Result<Option<u64>, ReadError> {
        let Database::Postgres(pool, _) = &self.db else {
            return Ok(None);
        };
        let horizon: i64 = sqlx::query_scalar(PG_HORIZON).fetch_one(pool).await?;
        // Ids are positive; were one not, 0 reads as "nothing has ended": lag, never skip.
        Ok(Some(u64::try_from(horizon).unwrap_or(0)))
    }

    /// Whether committed events follow `after`, final or not: when [`read_after`] finds
    /// nothing but this is true, older transactions are still running and the events will be
    /// final once they end.
    ///
    /// [`read_after`]: GlobalLog::read_after
    ///
    /// # Errors
    /// [`ReadError`] when the database fails.
    pub async fn committed_after(&self, after: Checkpoint) -> Result<bool, ReadError> {
        const PG: &str = "SELECT EXISTS (SELECT 1 FROM events \
             WHERE (transaction_id, global_position) > ($1::text::xid8, $2))";
        const SQLITE: &str = "SELECT EXISTS (SELECT 1 FROM events WHERE global_position > $2 \
             AND $1 = $1)";
        let found: bool = match &self.db {
            Database::Postgres(pool, _) => {
                sqlx::query_scalar(PG)
                    .bind(after.transaction_id.to_string())
                    .bind(after.position)
                    .fetch_one(pool)
                    .await?
            }
            Database::Sqlite(pool, _) => {
                sqlx::query_scalar(SQLITE)
                    .bind(after.transaction_id.to_string())
                    .bind(after.position)
                    .fetch_one(pool)
                    .await?
            }
        };
        Ok(found)
    }

    /// Up to `limit` events strictly after `after`, in log order.
    ///
    /// An empty answer means "nothing final yet", not "end of log for ever": poll again.
    ///
    /// # Errors
    /// [`ReadError`] when the database fails or a row does not parse.
    pub async fn read_after(
        &self,
        after: Checkpoint,
        limit: u32,
    ) -> Result<Vec<RecordedEvent>, ReadError> {
        let rows: Vec<Row> = match &self.db {
            Database::Postgres(pool, _) => {
                sqlx::query_as(PG_READ)
                    .bind(after.transaction_id.to_string())
                    .bind(after.position)
                    .bind(i64::from(limit))
                    .fetch_all(pool)
                    .await?
            }
            Database::Sqlite(pool, _) => {
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
