//! One batch of one projector: read after its checkpoint, apply, advance the checkpoint, all
//! in one transaction, so a crash anywhere leaves either the whole batch or none of it.

use futures::FutureExt;
use ruta_store::{Database, WritePool};
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqlitePool;
use sqlx::{Connection, Postgres};
use std::panic::AssertUnwindSafe;

use super::checkpoints;
use super::{ProjectorTx, SqlProjector};
use crate::LogError;
use ruta_store::log::{Checkpoint, GlobalLog};

/// Class of the two-key advisory lock (`"RUTA"`); the second key is the projector's name hash.
const LOCK_CLASS: i32 = 0x5255_5441;

/// The right to run one projector: on PostgreSQL a connection holding its advisory lock (the
/// lock lives as long as the connection, so a crashed process releases it); on SQLite, where
/// only one process writes, just the pool.
#[derive(Debug)]
pub(crate) enum Session {
    Postgres(PgConnection),
    Sqlite(SqlitePool),
}

impl Session {
    /// `None` when another process runs `name`.
    pub(crate) async fn open(db: &Database, name: &str) -> Result<Option<Self>, LogError> {
        match db.write_pool() {
            WritePool::Postgres(pool) => {
                // Detached: a session lock on a pooled connection would outlive us in the pool.
                let mut conn = PoolConnection::<Postgres>::detach(pool.acquire().await?);
                let locked: bool =
                    sqlx::query_scalar("SELECT pg_try_advisory_lock($1, hashtext($2))")
                        .bind(LOCK_CLASS)
                        .bind(name)
                        .fetch_one(&mut conn)
                        .await?;
                if locked {
                    Ok(Some(Self::Postgres(conn)))
                } else {
                    conn.close().await?;
                    Ok(None)
                }
            }
            WritePool::Sqlite(writer) => Ok(Some(Self::Sqlite(writer.clone()))),
        }
    }

    /// Gives the lock back by closing its connection.
    pub(crate) async fn close(self) {
        if let Self::Postgres(conn) = self {
            if let Err(error) = conn.close().await {
                tracing::debug!(%error, "closing a projector's lock connection");
            }
        }
    }

    async fn begin(&mut self) -> Result<ProjectorTx<'_>, LogError> {
        Ok(match self {
            Self::Postgres(conn) => ProjectorTx::Postgres(conn.begin().await?),
            Self::Sqlite(pool) => {
                // SQLite refuses to change the safety level inside a transaction: relax it
                // first, then begin on that connection (sqlx's own `Transaction::begin`, the
                // constructor `Pool::begin_with` uses, to keep a transaction that owns it).
                let mut conn = pool.acquire().await?;
                ruta_store::relax_durability(&mut conn).await?;
                ProjectorTx::Sqlite(
                    sqlx::Transaction::begin(conn, Some("BEGIN IMMEDIATE".into())).await?,
                )
            }
        })
    }
}

impl ProjectorTx<'_> {
    async fn commit(self) -> Result<(), LogError> {
        match self {
            Self::Postgres(tx) => tx.commit().await?,
            Self::Sqlite(tx) => tx.commit().await?,
        }
        Ok(())
    }

    async fn rollback(self) -> Result<(), LogError> {
        match self {
            Self::Postgres(tx) => tx.rollback().await?,
            Self::Sqlite(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}

/// Why a batch was rolled back, and at which event when an event was being applied.
#[derive(Debug)]
pub(crate) struct BatchFailure {
    pub error: LogError,
    pub at: Option<Checkpoint>,
    /// Events of the batch when the failure came from writing the batch as a whole (the
    /// flush), so any one of them may be at fault: the next attempts go one event at a time,
    /// which pins the failure to its event.
    pub whole_batch: Option<usize>,
}

impl From<LogError> for BatchFailure {
    fn from(error: LogError) -> Self {
        Self {
            error,
            at: None,
            whole_batch: None,
        }
    }
}

/// Whether a failed flush was the engine or the projector refusing what the batch wrote (the
/// same batch will fail again) rather than something being out of reach (retried for as
/// long as it takes).
fn refused_content(error: &LogError) -> bool {
    use crate::search::SearchError;
    match error {
        LogError::Search(
            SearchError::Unavailable(_)
            | SearchError::BuiltElsewhere { .. }
            | SearchError::NoSuchIndex(_),
        )
        | LogError::Sql(_) => false,
        LogError::Search(_) | LogError::Projector { .. } | LogError::Corrupt { .. } => true,
    }
}

impl From<sqlx::Error> for BatchFailure {
    fn from(error: sqlx::Error) -> Self {
        LogError::from(error).into()
    }
}

/// What one call of [`run_batch`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Batch {
    /// Applied this many events (at least one).
    Applied(usize),
    /// Nothing new is final.
    Idle,
    /// The read model was written by another version of the projector: older ones are
    /// rebuilt (see [`rebuild`](super::rebuild())), newer ones are left to the newer code.
    OtherVersion { stored: i64 },
}

/// Applies the next batch of up to `limit` events to the read model of checkpoint row
/// `slot` (the projector's name, or its rebuild's).
///
/// The events are read before the transaction begins: on SQLite the transaction holds the
/// one writer connection, and it should hold it for the batch's own writes only, not while
/// the log is read. Under the lock the checkpoint is read again; if another process moved it
/// meanwhile, the batch reads again from there.
pub(crate) async fn run_batch(
    session: &mut Session,
    log: &GlobalLog,
    projector: &dyn SqlProjector,
    slot: &str,
    limit: u32,
) -> Result<Batch, BatchFailure> {
    let Some(after) = news(log, slot, projector.version()).await? else {
        return Ok(Batch::Idle);
    };
    let events = log.read_after(after, limit).await.map_err(LogError::from)?;
    let mut tx = session.begin().await?;
    let outcome = fill(&mut tx, log, projector, slot, limit, (after, events)).await;
    if let Ok(Batch::Applied(_)) = outcome {
        tx.commit().await?;
        return outcome;
    }
    // Ended now rather than when the connection is next used (which is all dropping the
    // transaction does): left open while the projector sleeps, it would keep the checkpoint
    // row locked and, on PostgreSQL, hold an id that holds back every reader of the log.
    match (tx.rollback().await, outcome) {
        (Err(error), Ok(_)) => Err(error.into()),
        (_, outcome) => outcome,
    }
}

/// Where to read from when the log holds events after `slot`'s committed checkpoint (or the
/// row was written by another version); `None` when there is nothing new. Asked before any
/// transaction, so that an idle poll takes no lock: no write lock on SQLite, no row lock and
/// no transaction id on PostgreSQL.
async fn news(log: &GlobalLog, slot: &str, version: u32) -> Result<Option<Checkpoint>, LogError> {
    let after = match checkpoints::peek(log.database(), slot).await? {
        Some((stored, checkpoint)) if stored != i64::from(version) => return Ok(Some(checkpoint)),
        Some((_, checkpoint)) => checkpoint,
        None => Checkpoint::START,
    };
    Ok((!log.read_after(after, 1).await?.is_empty()).then_some(after))
}

/// The batch's work inside `tx`, on the events `read` after a checkpoint; [`Batch::Applied`]
/// is the only outcome to commit.
async fn fill(
    tx: &mut ProjectorTx<'_>,
    log: &GlobalLog,
    projector: &dyn SqlProjector,
    slot: &str,
    limit: u32,
    read: (Checkpoint, Vec<ruta_store::log::RecordedEvent>),
) -> Result<Batch, BatchFailure> {
    let (name, version) = (projector.name(), projector.version());
    let stored = checkpoints::load(tx, slot, version).await?;
    if stored.version != i64::from(version) {
        return Ok(Batch::OtherVersion {
            stored: stored.version,
        });
    }
    let (read_after, mut events) = read;
    if read_after != stored.checkpoint {
        events = log
            .read_after(stored.checkpoint, limit)
            .await
            .map_err(LogError::from)?;
    }
    for event in &events {
        // A panicking projector is a failed attempt like any other: the batch rolls back.
        let applied = AssertUnwindSafe(projector.apply(tx, stored.generation, event))
            .catch_unwind()
            .await
            .unwrap_or_else(|panic| {
                Err(LogError::Projector {
                    projector: name.to_owned(),
                    reason: format!("panicked: {}", panic_message(panic.as_ref())),
                })
            });
        if let Err(error) = applied {
            return Err(BatchFailure {
                error,
                at: Some(event.checkpoint),
                whole_batch: None,
            });
        }
    }
    let (Some(first), Some(last)) = (events.first(), events.last()) else {
        return Ok(Batch::Idle);
    };
    if let Err(error) = projector.flush(tx, stored.generation).await {
        return Err(if refused_content(&error) {
            BatchFailure {
                error,
                at: Some(first.checkpoint),
                whole_batch: Some(events.len()),
            }
        } else {
            error.into()
        });
    }
    checkpoints::save(tx, slot, version, last.checkpoint).await?;
    Ok(Batch::Applied(events.len()))
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_owned()
    }
}
