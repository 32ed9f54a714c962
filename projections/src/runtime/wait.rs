//! Read-your-writes: wait until a projector has applied the event at a global position.

use ruta_store::{with_pool, Database};
use std::time::Duration;
use tokio::time::Instant;

use super::checkpoints::parse_transaction_id;
use crate::LogError;
use ruta_store::log::Checkpoint;

const PG_APPLIED: &str = "SELECT transaction_id::text, position FROM projector_checkpoints
    WHERE name = $1";
const SQLITE_APPLIED: &str = "SELECT CAST(transaction_id AS text), position
    FROM projector_checkpoints WHERE name = $1";

/// How often the checkpoint is looked at while waiting.
const POLL: Duration = Duration::from_millis(20);

/// Waits up to `timeout` for projector `name` to pass the event at global `position`;
/// `false` when it did not (the event is not committed yet, does not exist, or the
/// projector lags).
///
/// # Errors
/// [`LogError::Sql`].
pub async fn wait_for_position(
    db: &Database,
    name: &str,
    position: i64,
    timeout: Duration,
) -> Result<bool, LogError> {
    let deadline = Instant::now() + timeout;
    let mut event = None;
    loop {
        if event.is_none() {
            event = event_checkpoint(db, position).await?;
        }
        if let Some(event) = event {
            if applied(db, name).await?.is_some_and(|at| at >= event) {
                return Ok(true);
            }
        }
        if Instant::now() + POLL > deadline {
            return Ok(false);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Whether the global log holds an event at `position`: a position nothing was ever
/// appended at can never be applied, so waiting for it is pointless.
///
/// # Errors
/// [`LogError::Sql`].
pub async fn position_exists(db: &Database, position: i64) -> Result<bool, LogError> {
    Ok(event_checkpoint(db, position).await?.is_some())
}

async fn event_checkpoint(db: &Database, position: i64) -> Result<Option<Checkpoint>, LogError> {
    Ok(ruta_store::log::GlobalLog::new(db.clone())
        .checkpoint_at(position)
        .await?)
}

async fn applied(db: &Database, name: &str) -> Result<Option<Checkpoint>, LogError> {
    let sql = match db {
        Database::Postgres(..) => PG_APPLIED,
        Database::Sqlite(..) => SQLITE_APPLIED,
    };
    let row: Option<(String, i64)> = with_pool!(db, pool => {
        sqlx::query_as(sql).bind(name).fetch_optional(pool).await
    })?;
    row.map(|(tx, position)| {
        Ok(Checkpoint {
            transaction_id: parse_transaction_id(name, &tx)?,
            position,
        })
    })
    .transpose()
}
