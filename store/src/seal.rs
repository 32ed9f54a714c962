//! The global seal: the order of the whole log, fixed after the fact.
//!
//! Stream chains ([`crate::chain`]) say nothing about the order *between* streams: two events
//! of different streams could swap positions unseen. So one sealer follows the gap-safe
//! reader and records, for the n-th event in log order,
//! `seal n = SHA-256(seal n-1 || position || ":" || chain hash)` (seal 0 is 32 zero bytes)
//! in `event_seals`. Writers never wait for it: it only reads final events (those the reader
//! returns), one batch per transaction, under a lock that keeps a second sealer out.

use sha2::{Digest, Sha256};

use crate::chain::{self, GENESIS};
use crate::log::{Checkpoint, GlobalLog, RecordedEvent};
use crate::{Backend, Database, StoreError};

/// Events sealed per transaction.
const BATCH: u32 = 1_000;

/// How far the log is sealed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SealHead {
    /// Events sealed (the index of the last seal).
    pub sealed: u64,
    /// The last sealed event's place in the log ([`Checkpoint::START`] when none).
    pub checkpoint: Checkpoint,
    /// The last seal, lower-case hex (`None` before the first).
    pub seal: Option<String>,
}

/// The seal after `previous` of the event at `position` with `chain_hash`.
pub fn next_seal(previous: &[u8; 32], position: i64, chain_hash: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(position.to_string().as_bytes());
    hasher.update(b":");
    hasher.update(chain_hash.as_bytes());
    hex::encode(hasher.finalize())
}

const PG_LOCK: &str = "SELECT pg_advisory_xact_lock(1936024940)";
const PG_HEAD: &str = "SELECT s.seal_index, s.seal, s.global_position, e.transaction_id::text \
     FROM event_seals s LEFT JOIN events e ON e.global_position = s.global_position \
     ORDER BY s.seal_index DESC LIMIT 1";
const SQLITE_HEAD: &str = "SELECT s.seal_index, s.seal, s.global_position, \
     CASE WHEN e.global_position IS NULL THEN NULL ELSE '0' END \
     FROM event_seals s LEFT JOIN events e ON e.global_position = s.global_position \
     ORDER BY s.seal_index DESC LIMIT 1";
const INSERT: &str =
    "INSERT INTO event_seals (seal_index, global_position, seal) VALUES ($1, $2, $3)";

type HeadRow = (i64, String, i64, Option<String>);

fn head_of(row: Option<HeadRow>) -> Result<SealHead, StoreError> {
    let Some((index, seal, position, transaction)) = row else {
        return Ok(SealHead::default());
    };
    let transaction = transaction.ok_or(StoreError::SealedEventGone(position))?;
    Ok(SealHead {
        sealed: u64::try_from(index).unwrap_or(0),
        checkpoint: Checkpoint {
            transaction_id: transaction.parse().unwrap_or(0),
            position,
        },
        seal: Some(seal),
    })
}

/// How far the log is sealed.
///
/// # Errors
/// [`StoreError`] when the database fails, or the last sealed event is no longer in the log.
pub async fn head(db: &Database) -> Result<SealHead, StoreError> {
    let row: Option<HeadRow> = match db {
        Database::Postgres(pool, _) => sqlx::query_as(PG_HEAD).fetch_optional(pool).await?,
        Database::Sqlite(pool, _) => sqlx::query_as(SQLITE_HEAD).fetch_optional(pool).await?,
    };
    head_of(row)
}

/// Seals every final event not sealed yet; returns the new head.
///
/// # Errors
/// [`StoreError`] when the database fails, or the last sealed event is no longer in the log
/// (someone removed it: `ruta verify` says where).
pub async fn seal_pending(db: &Database) -> Result<SealHead, StoreError> {
    let log = GlobalLog::new(db.clone());
    let postgres = db.backend() == Backend::Postgres;
    let head_sql = if postgres { PG_HEAD } else { SQLITE_HEAD };
    // Checked on a read connection first: an idle server's sealer never takes the write lock.
    let current = head(db).await?;
    if log.read_after(current.checkpoint, 1).await?.is_empty() {
        return Ok(current);
    }
    loop {
        let head: SealHead;
        let sealed_now: usize;
        crate::in_write_transaction!(db, tx => {
            if postgres {
                sqlx::query(PG_LOCK).execute(&mut *tx).await?;
            }
            let before = head_of(sqlx::query_as(head_sql).fetch_optional(&mut *tx).await?)?;
            let events = log.read_after(before.checkpoint, BATCH).await?;
            let (after, rows) = seal_batch(before, &events);
            for (index, position, seal) in &rows {
                sqlx::query(INSERT)
                    .bind(index)
                    .bind(position)
                    .bind(seal)
                    .execute(&mut *tx)
                    .await?;
            }
            head = after;
            sealed_now = rows.len();
        });
        if sealed_now == 0 {
            return Ok(head);
        }
    }
}

/// The seals of `events` after `head`, and the head after them.
fn seal_batch(mut head: SealHead, events: &[RecordedEvent]) -> (SealHead, Vec<(i64, i64, String)>) {
    let mut rows = Vec::with_capacity(events.len());
    for event in events {
        let previous = head
            .seal
            .as_deref()
            .and_then(chain::decode)
            .unwrap_or(GENESIS);
        let seal = next_seal(
            &previous,
            event.checkpoint.position,
            event.chain_hash.as_deref().unwrap_or(""),
        );
        head.sealed += 1;
        head.checkpoint = event.checkpoint;
        head.seal = Some(seal.clone());
        rows.push((
            i64::try_from(head.sealed).unwrap_or(i64::MAX),
            event.checkpoint.position,
            seal,
        ));
    }
    (head, rows)
}
