//! Moving the whole log from the embedded SQLite store to PostgreSQL.
//!
//! Events are copied in position order with their positions, envelopes and chain hashes as
//! they are, one batch per target transaction together with their seals and the progress
//! mark, so an interrupted copy resumes after the last batch that committed. Each batch gets
//! a later PostgreSQL transaction id than the one before, so the target's log order
//! (transaction id, position) is the source's position order: the seals stay valid and
//! `ruta verify` agrees on both sides. Command ids and journey subjects are derived again by
//! the target's insert trigger; bearer tokens (hashes only) come along. Read models are not
//! copied: they are rebuilt from the copied log.

use crate::log::Row;
use crate::{Database, StoreError};

/// Events per target transaction, unless told otherwise.
pub const BATCH: i64 = 1_000;

/// How a copy went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transferred {
    pub events: u64,
    /// Events already there from an interrupted run that this one resumed.
    pub resumed_from: u64,
    pub tokens: u64,
}

/// Why a copy was refused.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error(
        "copies go from an SQLite store to a PostgreSQL one (PostgreSQL to PostgreSQL: pg_dump)"
    )]
    Direction,
    #[error("the target already holds {0} events that are not an unfinished copy of this store: migrate only into an empty store")]
    TargetNotEmpty(u64),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
}

const SOURCE_EVENTS: &str = "SELECT '0', global_position, aggregate_type, aggregate_id, sequence, \
     event_type, event_version, payload, metadata, chain_hash FROM events \
     WHERE global_position > $1 ORDER BY global_position LIMIT $2";
const SOURCE_SEALS: &str = "SELECT seal_index, global_position, seal FROM event_seals \
     WHERE global_position > $1 AND global_position <= $2";
const TARGET_INSERT: &str = "
INSERT INTO events (global_position, aggregate_type, aggregate_id, sequence, event_type,
                    event_version, payload, metadata, chain_hash)
OVERRIDING SYSTEM VALUE
SELECT g, t, i, s, e, v, p::jsonb, m::jsonb, h
  FROM UNNEST($1::int8[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::text[],
              $7::text[], $8::text[], $9::text[]) AS r(g, t, i, s, e, v, p, m, h)";
const TARGET_SEALS: &str = "INSERT INTO event_seals (seal_index, global_position, seal) \
     SELECT * FROM UNNEST($1::int8[], $2::int8[], $3::text[])";

/// Copies every event, seal and token of `source` (SQLite) into `target` (PostgreSQL),
/// `batch` events per transaction, calling `progress(copied, total)` after each batch.
///
/// # Errors
/// [`TransferError`] when the direction is wrong, the target holds other events, or a
/// database fails (what committed stays; run it again to resume).
pub async fn transfer(
    source: &Database,
    target: &Database,
    batch: i64,
    mut progress: impl FnMut(u64, u64),
) -> Result<Transferred, TransferError> {
    let (Database::Sqlite(from, _), Database::Postgres(to, _)) = (source, target) else {
        return Err(TransferError::Direction);
    };
    target.migrate().await?;
    let identity = source_identity(source).await?;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(from)
        .await?;
    let there: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(to)
        .await?;
    let marked: Option<(String, i64)> =
        sqlx::query_as("SELECT source, copied_through FROM store_transfer WHERE NOT finished")
            .fetch_optional(to)
            .await?;
    let mut copied_through = match marked {
        Some((source, through)) if source == identity => through,
        _ if there == 0 => {
            sqlx::query("DELETE FROM store_transfer")
                .execute(to)
                .await?;
            sqlx::query("INSERT INTO store_transfer (source, copied_through, finished) VALUES ($1, 0, false)")
                .bind(&identity)
                .execute(to)
                .await?;
            0
        }
        _ => return Err(TransferError::TargetNotEmpty(count(there))),
    };
    let resumed_from = count(there);
    loop {
        let rows: Vec<Row> = sqlx::query_as(SOURCE_EVENTS)
            .bind(copied_through)
            .bind(batch)
            .fetch_all(from)
            .await?;
        let Some(last) = rows.last().map(|r| r.1) else {
            break;
        };
        let seals: Vec<(i64, i64, String)> = sqlx::query_as(SOURCE_SEALS)
            .bind(copied_through)
            .bind(last)
            .fetch_all(from)
            .await?;
        let mut tx = to.begin().await?;
        sqlx::query(TARGET_INSERT)
            .bind(rows.iter().map(|r| r.1).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.3.as_str()).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.4).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.5.as_str()).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.6.as_str()).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.7.as_str()).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.8.as_str()).collect::<Vec<_>>())
            .bind(rows.iter().map(|r| r.9.as_deref()).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await?;
        sqlx::query(TARGET_SEALS)
            .bind(seals.iter().map(|s| s.0).collect::<Vec<_>>())
            .bind(seals.iter().map(|s| s.1).collect::<Vec<_>>())
            .bind(seals.iter().map(|s| s.2.as_str()).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE store_transfer SET copied_through = $1 WHERE NOT finished")
            .bind(last)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        copied_through = last;
        let done: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
            .fetch_one(to)
            .await?;
        progress(count(done), count(total));
    }
    let tokens = copy_tokens(source, target).await?;
    // New appends on the target continue after the copied positions.
    sqlx::query(
        "SELECT setval(pg_get_serial_sequence('events', 'global_position'), \
         GREATEST((SELECT max(global_position) FROM events), 1))",
    )
    .execute(to)
    .await?;
    sqlx::query("UPDATE store_transfer SET finished = true WHERE NOT finished")
        .execute(to)
        .await?;
    let copied: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(to)
        .await?;
    Ok(Transferred {
        events: count(copied),
        resumed_from,
        tokens,
    })
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// What names a source across runs: its first event's chain hash (an empty log: "empty").
async fn source_identity(source: &Database) -> Result<String, sqlx::Error> {
    let Database::Sqlite(from, _) = source else {
        return Ok(String::new());
    };
    let first: Option<Option<String>> =
        sqlx::query_scalar("SELECT chain_hash FROM events ORDER BY global_position LIMIT 1")
            .fetch_optional(from)
            .await?;
    Ok(first.flatten().unwrap_or_else(|| "empty".to_owned()))
}

type TokenRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Bearer tokens (their hashes), so the operators' tokens keep working on the new store.
async fn copy_tokens(source: &Database, target: &Database) -> Result<u64, sqlx::Error> {
    let (Database::Sqlite(from, _), Database::Postgres(to, _)) = (source, target) else {
        return Ok(0);
    };
    let rows: Vec<TokenRow> = sqlx::query_as(
        "SELECT token_hash, role, subject, label, created_at, token_id, expires_at, revoked_at \
         FROM api_tokens",
    )
    .fetch_all(from)
    .await?;
    let mut copied = 0;
    for row in rows {
        let done = sqlx::query(
            "INSERT INTO api_tokens (token_hash, role, subject, label, created_at, token_id, \
             expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5::timestamptz, $6, \
             $7::timestamptz, $8::timestamptz) ON CONFLICT DO NOTHING",
        )
        .bind(row.0)
        .bind(row.1)
        .bind(row.2)
        .bind(row.3)
        .bind(row.4)
        .bind(row.5)
        .bind(row.6)
        .bind(row.7)
        .execute(to)
        .await?;
        copied += done.rows_affected();
    }
    Ok(copied)
}
