//! One batch of one projector: read after its checkpoint, apply, advance the checkpoint, all
//! in one transaction, so a crash anywhere leaves either the whole batch or none of it.

use futures::FutureExt;
use ruta_store::Database;
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqlitePool;
use sqlx::{Connection, Postgres};
use std::panic::AssertUnwindSafe;

use super::checkpoints;
use super::{ProjectorTx, SqlProjector};
use crate::{Checkpoint, GlobalLog, LogError};

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
        match db {
            Database::Postgres(pool) => {
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
            Database::Sqlite(pool) => Ok(Some(Self::Sqlite(pool.clone()))),
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
            Self::Sqlite(pool) => ProjectorTx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
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
}

/// Why a batch was rolled back, and at which event when an event was being applied.
#[derive(Debug)]
pub(crate) struct BatchFailure {
    pub error: LogError,
    pub at: Option<Checkpoint>,
}

impl From<LogError> for BatchFailure {
    fn from(error: LogError) -> Self {
        Self { error, at: None }
    }
}

impl From<sqlx::Error> for BatchFailure {
    fn from(error: sqlx::Error) -> Self {
        LogError::from(error).into()
    }
}

/// Applies the next batch of up to `limit` events; `Ok(0)` when nothing new is final.
pub(crate) async fn run_batch(
    session: &mut Session,
    log: &GlobalLog,
    projector: &dyn SqlProjector,
    limit: u32,
) -> Result<usize, BatchFailure> {
    let (name, version) = (projector.name(), projector.version());
    let mut tx = session.begin().await?;
    let stored = checkpoints::load(&mut tx, name, version).await?;
    // A new version replays the whole log into an emptied read model, in this same transaction.
    let rebuild = stored.version != i64::from(version);
    let from = if rebuild {
        tracing::info!(
            projector = name,
            from = stored.version,
            to = version,
            "rebuilding"
        );
        projector.reset(&mut tx).await?;
        Checkpoint::START
    } else {
        stored.checkpoint
    };
    let events = log.read_after(from, limit).await?;
    for event in &events {
        // A panicking projector is a failed attempt like any other: the batch rolls back.
        let applied = AssertUnwindSafe(projector.apply(&mut tx, event))
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
            });
        }
    }
    let to = match events.last() {
        Some(last) => last.checkpoint,
        None if rebuild => Checkpoint::START,
        // Nothing to write: dropping the transaction rolls it back.
        None => return Ok(0),
    };
    checkpoints::save(&mut tx, name, version, to).await?;
    tx.commit().await?;
    Ok(events.len())
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
