//! Where each projector stands: its checkpoint, how far behind the log it is, its last error.

use chrono::{DateTime, Utc};
use ruta_store::Database;
use serde::Serialize;

use ruta_store::with_pool;

use super::checkpoints::{parse_transaction_id, FIRST_GENERATION};
use super::generations::shadow_name;
use crate::LogError;
use ruta_store::log::Checkpoint;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectorStatus {
    pub name: String,
    /// Version that wrote the checkpoint; `None` before the first batch.
    pub version: Option<i64>,
    pub checkpoint: Checkpoint,
    /// The generation of the read model that answers reads.
    pub generation: i64,
    /// Global position reached by a rebuild in progress (the next generation), if one runs.
    pub rebuilding_at: Option<i64>,
    /// Events in the log after the checkpoint (including ones not final yet on PostgreSQL).
    pub lag_events: i64,
    /// `recorded_at` of the newest event minus that of the last applied one; 0 when caught up.
    pub lag_seconds: i64,
    pub updated_at: Option<DateTime<Utc>>,
    pub failed_attempts: i64,
    pub last_error: Option<String>,
    /// Global position of the event that failed, when the failure was tied to one.
    pub error_position: Option<i64>,
    /// Stopped on a poison event until the next start.
    pub poisoned: bool,
}

type StatusRow = (
    i64,
    i64,
    String,
    i64,
    DateTime<Utc>,
    i64,
    Option<String>,
    Option<i64>,
    bool,
);

const PG_ROW: &str =
    "SELECT version, generation, transaction_id::text, position, updated_at, failed_attempts,
    last_error, error_position, poisoned FROM projector_checkpoints WHERE name = $1";
const SQLITE_ROW: &str =
    "SELECT version, generation, CAST(transaction_id AS text), position, updated_at,
    failed_attempts, last_error, error_position, poisoned FROM projector_checkpoints
    WHERE name = $1";

const REBUILD_POSITION: &str = "SELECT position FROM projector_checkpoints WHERE name = $1";

/// The status of each projector in `names`, in that order.
///
/// # Errors
/// [`LogError`] when the database fails or a stored row does not parse.
pub async fn projector_status(
    db: &Database,
    names: &[&str],
) -> Result<Vec<ProjectorStatus>, LogError> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(one(db, name).await?);
    }
    Ok(out)
}

async fn one(db: &Database, name: &str) -> Result<ProjectorStatus, LogError> {
    let sql = match db {
        Database::Postgres(..) => PG_ROW,
        Database::Sqlite(..) => SQLITE_ROW,
    };
    let row: Option<StatusRow> = with_pool!(db, pool => {
        sqlx::query_as(sql).bind(name).fetch_optional(pool).await
    })?;
    let mut status = ProjectorStatus {
        name: name.to_owned(),
        version: None,
        checkpoint: Checkpoint::START,
        generation: FIRST_GENERATION,
        rebuilding_at: None,
        lag_events: 0,
        lag_seconds: 0,
        updated_at: None,
        failed_attempts: 0,
        last_error: None,
        error_position: None,
        poisoned: false,
    };
    if let Some((version, generation, tx, position, updated_at, attempts, error, at, poisoned)) =
        row
    {
        status.version = Some(version);
        status.generation = generation;
        status.checkpoint = Checkpoint {
            transaction_id: parse_transaction_id(name, &tx)?,
            position,
        };
        status.updated_at = Some(updated_at);
        status.failed_attempts = attempts;
        status.last_error = error;
        status.error_position = at;
        status.poisoned = poisoned;
    }
    let shadow = shadow_name(name);
    status.rebuilding_at = with_pool!(db, pool => {
        sqlx::query_scalar::<_, i64>(REBUILD_POSITION)
            .bind(&shadow)
            .fetch_optional(pool)
            .await
    })?;
    let lag = ruta_store::log::GlobalLog::new(db.clone())
        .lag(status.checkpoint)
        .await?;
    status.lag_events = lag.events;
    status.lag_seconds = lag.seconds;
    Ok(status)
}
