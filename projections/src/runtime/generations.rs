//! Which generation of a read model is live, and the hand-over that makes a finished rebuild
//! live: one transaction moves the rebuild's generation and checkpoint onto the projector's
//! own row, so readers and the live projector switch together.

use ruta_store::{with_pool, Backend, Database};

use super::checkpoints::FIRST_GENERATION;
use crate::LogError;

const LIVE_GENERATION: &str = "SELECT generation FROM projector_checkpoints WHERE name = $1";

const START_SHADOW: &str = "INSERT INTO projector_checkpoints (name, version, generation)
    VALUES ($1, $2, $3)";
const DELETE_ROW: &str = "DELETE FROM projector_checkpoints WHERE name = $1";
const ENSURE_LIVE: &str = "INSERT INTO projector_checkpoints (name, version) VALUES ($1, $2)
    ON CONFLICT (name) DO NOTHING";
const PG_LOCK_LIVE: &str = "SELECT name FROM projector_checkpoints WHERE name = $1 FOR UPDATE";

const PG_HANDOVER: &str = "UPDATE projector_checkpoints
    SET (version, generation, transaction_id, position) = (
            SELECT version, generation, transaction_id, position
            FROM projector_checkpoints WHERE name = $2),
        updated_at = now(), failed_attempts = 0, last_error = NULL,
        error_transaction_id = NULL, error_position = NULL, poisoned = false
    WHERE name = $1";
const SQLITE_HANDOVER: &str = "UPDATE projector_checkpoints
    SET (version, generation, transaction_id, position) = (
            SELECT version, generation, transaction_id, position
            FROM projector_checkpoints WHERE name = $2),
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), failed_attempts = 0,
        last_error = NULL, error_transaction_id = NULL, error_position = NULL, poisoned = 0
    WHERE name = $1";

/// The checkpoint row of `name`'s rebuild.
pub(crate) fn shadow_name(name: &str) -> String {
    format!("{name}#rebuild")
}

/// The generation readers of `name` should read (the first one before it has ever run).
///
/// # Errors
/// [`LogError::Sql`].
pub async fn live_generation(db: &Database, name: &str) -> Result<i64, LogError> {
    let found: Option<i64> = with_pool!(db, pool => {
        sqlx::query_scalar(LIVE_GENERATION)
            .bind(name)
            .fetch_optional(pool)
            .await
    })?;
    Ok(found.unwrap_or(FIRST_GENERATION))
}

/// (Re)starts the rebuild row of `name` at the beginning of the log, writing `generation`.
pub(crate) async fn start_shadow(
    db: &Database,
    name: &str,
    version: u32,
    generation: i64,
) -> Result<(), LogError> {
    let shadow = shadow_name(name);
    ruta_store::in_write_transaction!(db, tx => {
        sqlx::query(DELETE_ROW)
            .bind(&shadow)
            .execute(&mut *tx)
            .await?;
        sqlx::query(START_SHADOW)
            .bind(&shadow)
            .bind(i64::from(version))
            .bind(generation)
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}

/// Makes the rebuild of `name` live. On PostgreSQL the live row is locked first, so a batch of
/// the live projector in flight finishes before, and the next one starts after, the switch.
pub(crate) async fn hand_over(db: &Database, name: &str, version: u32) -> Result<(), LogError> {
    let shadow = shadow_name(name);
    // The same steps on both backends; only the lock and the update's clock differ.
    let (lock, handover) = match db.backend() {
        Backend::Postgres => (Some(PG_LOCK_LIVE), PG_HANDOVER),
        Backend::Sqlite => (None, SQLITE_HANDOVER),
    };
    ruta_store::in_write_transaction!(db, tx => {
        sqlx::query(ENSURE_LIVE)
            .bind(name)
            .bind(i64::from(version))
            .execute(&mut *tx)
            .await?;
        if let Some(lock) = lock {
            sqlx::query(lock).bind(name).execute(&mut *tx).await?;
        }
        sqlx::query(handover)
            .bind(name)
            .bind(&shadow)
            .execute(&mut *tx)
            .await?;
        sqlx::query(DELETE_ROW)
            .bind(&shadow)
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}
