//! The `projector_checkpoints` row of each projector: read and advanced inside the batch
//! transaction, failures recorded outside it (the batch transaction has been rolled back).

use ruta_store::{with_pool, Database};

use super::ProjectorTx;
use crate::{with_tx, LogError};
use ruta_store::log::Checkpoint;

// Only when the row is missing (the first batch): shared by both backends: `ON CONFLICT ... DO NOTHING` and `$n` placeholders work on both.
const ENSURE: &str = "INSERT INTO projector_checkpoints (name, version) VALUES ($1, $2)
    ON CONFLICT (name) DO NOTHING";

// The transaction id travels as text: xid8 has no integer binding in sqlx, and on SQLite it is 0.
// `FOR UPDATE`: a rebuild's hand-over rewrites this row, and must wait for (and be seen by)
// the batch in flight. SQLite's `BEGIN IMMEDIATE` serialises the two already.
const PG_LOAD: &str = "SELECT version, generation, transaction_id::text, position
    FROM projector_checkpoints WHERE name = $1 FOR UPDATE";
const SQLITE_LOAD: &str = "SELECT version, generation, CAST(transaction_id AS text), position
    FROM projector_checkpoints WHERE name = $1";

// Outside any transaction, without a lock: what an idle poll asks first.
const PG_PEEK: &str = "SELECT version, transaction_id::text, position
    FROM projector_checkpoints WHERE name = $1";
const SQLITE_PEEK: &str = "SELECT version, CAST(transaction_id AS text), position
    FROM projector_checkpoints WHERE name = $1";

const PG_SAVE: &str = "UPDATE projector_checkpoints
    SET version = $2, transaction_id = $3::text::xid8, position = $4, updated_at = now(),
        failed_attempts = 0, last_error = NULL, error_transaction_id = NULL,
        error_position = NULL, poisoned = false
    WHERE name = $1";
const SQLITE_SAVE: &str = "UPDATE projector_checkpoints
    SET version = $2, transaction_id = CAST($3 AS integer), position = $4,
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
        failed_attempts = 0, last_error = NULL, error_transaction_id = NULL,
        error_position = NULL, poisoned = 0
    WHERE name = $1";

// A failure keeps the checkpoint and the version: only the error columns change.
const PG_FAIL: &str = "INSERT INTO projector_checkpoints
    (name, version, failed_attempts, last_error, error_transaction_id, error_position, poisoned)
    VALUES ($1, $2, $3, $4, $5::text::xid8, $6, $7)
    ON CONFLICT (name) DO UPDATE SET failed_attempts = excluded.failed_attempts,
        last_error = excluded.last_error, error_transaction_id = excluded.error_transaction_id,
        error_position = excluded.error_position, poisoned = excluded.poisoned,
        updated_at = now()";
const SQLITE_FAIL: &str = "INSERT INTO projector_checkpoints
    (name, version, failed_attempts, last_error, error_transaction_id, error_position, poisoned)
    VALUES ($1, $2, $3, $4, CAST($5 AS integer), $6, $7)
    ON CONFLICT (name) DO UPDATE SET failed_attempts = excluded.failed_attempts,
        last_error = excluded.last_error, error_transaction_id = excluded.error_transaction_id,
        error_position = excluded.error_position, poisoned = excluded.poisoned,
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// The generation of a projector that has never run.
pub(crate) const FIRST_GENERATION: i64 = 1;

/// The stored checkpoint and the version of the projector that wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stored {
    pub version: i64,
    pub generation: i64,
    pub checkpoint: Checkpoint,
}

/// Reads `name`'s row inside `tx`; a projector without one starts at the beginning with
/// `version` (the row is created by the first [`save`]).
pub(crate) async fn load(
    tx: &mut ProjectorTx<'_>,
    name: &str,
    version: u32,
) -> Result<Stored, LogError> {
    let sql = match tx {
        ProjectorTx::Postgres(..) => PG_LOAD,
        ProjectorTx::Sqlite(..) => SQLITE_LOAD,
    };
    let row: Option<(i64, i64, String, i64)> = with_tx!(tx, conn => {
        sqlx::query_as(sql).bind(name).fetch_optional(conn).await
    })?;
    let Some((version, generation, transaction_id, position)) = row else {
        return Ok(Stored {
            version: i64::from(version),
            generation: FIRST_GENERATION,
            checkpoint: Checkpoint::START,
        });
    };
    let transaction_id = parse_transaction_id(name, &transaction_id)?;
    Ok(Stored {
        version,
        generation,
        checkpoint: Checkpoint {
            transaction_id,
            position,
        },
    })
}

/// `name`'s row as last committed, `(version, checkpoint)`, read without a transaction or a
/// lock; `None` before its first batch.
pub(crate) async fn peek(db: &Database, name: &str) -> Result<Option<(i64, Checkpoint)>, LogError> {
    let sql = match db {
        Database::Postgres(..) => PG_PEEK,
        Database::Sqlite(..) => SQLITE_PEEK,
    };
    let row: Option<(i64, String, i64)> = with_pool!(db, pool => {
        sqlx::query_as(sql).bind(name).fetch_optional(pool).await
    })?;
    row.map(|(version, transaction_id, position)| {
        let checkpoint = Checkpoint {
            transaction_id: parse_transaction_id(name, &transaction_id)?,
            position,
        };
        Ok((version, checkpoint))
    })
    .transpose()
}

pub(crate) fn parse_transaction_id(name: &str, text: &str) -> Result<u64, LogError> {
    text.parse().map_err(|e| LogError::Projector {
        projector: name.to_owned(),
        reason: format!("checkpoint transaction id {text:?}: {e}"),
    })
}

/// Advances `name` to `checkpoint` inside `tx` and clears any recorded error.
pub(crate) async fn save(
    tx: &mut ProjectorTx<'_>,
    name: &str,
    version: u32,
    checkpoint: Checkpoint,
) -> Result<(), LogError> {
    with_tx!(tx, conn => {
        sqlx::query(ENSURE).bind(name).bind(i64::from(version)).execute(conn).await.map(|_| ())
    })?;
    let transaction_id = checkpoint.transaction_id.to_string();
    let sql = match tx {
        ProjectorTx::Postgres(..) => PG_SAVE,
        ProjectorTx::Sqlite(..) => SQLITE_SAVE,
    };
    with_tx!(tx, conn => {
        sqlx::query(sql)
            .bind(name)
            .bind(i64::from(version))
            .bind(&transaction_id)
            .bind(checkpoint.position)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// A failed attempt (or, when `poisoned`, the last one) at the event `at`, if known.
#[derive(Debug, Clone)]
pub(crate) struct Failure<'a> {
    pub name: &'a str,
    pub version: u32,
    pub attempts: u32,
    pub error: &'a str,
    pub at: Option<Checkpoint>,
    pub poisoned: bool,
}

/// Records `failure` in the projector's row, leaving its checkpoint where it was.
pub(crate) async fn record_failure(db: &Database, failure: &Failure<'_>) -> Result<(), LogError> {
    let transaction_id = failure.at.map(|c| c.transaction_id.to_string());
    let position = failure.at.map(|c| c.position);
    let sql = match db {
        Database::Postgres(..) => PG_FAIL,
        Database::Sqlite(..) => SQLITE_FAIL,
    };
    ruta_store::with_write_pool!(db, pool => {
        sqlx::query(sql)
            .bind(failure.name)
            .bind(i64::from(failure.version))
            .bind(i64::from(failure.attempts))
            .bind(failure.error)
            .bind(&transaction_id)
            .bind(position)
            .bind(failure.poisoned)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}
