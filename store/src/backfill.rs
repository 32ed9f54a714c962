//! Chain hashes for events written before the hash chain existed: filled in once, after the
//! migration that added the column, by the same computation the writer uses, stream by stream
//! in sequence order, while the migration's `chain_backfill` marker is there (resumable: a
//! crash leaves it, and only rows still without a hash are read). Once done it is deleted, so a
//! hash removed later is reported by `ruta verify`, never laundered by a restart.

use crate::append::{chain_hashes, predecessors_to_read, StoredHash, PREDECESSOR};
use crate::{Backend, Database, NewEvent, StoreError};

/// Rows hashed per transaction.
const BATCH: i64 = 1_000;

const PG_UNHASHED: &str = "SELECT aggregate_type, aggregate_id, sequence, event_type, \
     event_version, payload::text, metadata::text FROM events WHERE chain_hash IS NULL \
     ORDER BY aggregate_type, aggregate_id, sequence LIMIT $1";
const SQLITE_UNHASHED: &str = "SELECT aggregate_type, aggregate_id, sequence, event_type, \
     event_version, payload, metadata FROM events WHERE chain_hash IS NULL \
     ORDER BY aggregate_type, aggregate_id, sequence LIMIT $1";
const SET_HASH: &str = "UPDATE events SET chain_hash = $1 \
     WHERE aggregate_type = $2 AND aggregate_id = $3 AND sequence = $4";

type Unhashed = (String, String, i64, String, String, String, String);

/// Hashes every event that has no chain hash yet; returns how many were hashed.
pub(crate) async fn hash_unhashed(db: &Database) -> Result<u64, StoreError> {
    const PENDING: &str = "SELECT count(*) FROM chain_backfill";
    const DONE: &str = "DELETE FROM chain_backfill";
    let pending: i64 =
        crate::with_write_pool!(db, pool => sqlx::query_scalar(PENDING).fetch_one(pool).await?);
    if pending == 0 {
        return Ok(0);
    }
    let unhashed = match db.backend() {
        Backend::Postgres => PG_UNHASHED,
        Backend::Sqlite => SQLITE_UNHASHED,
    };
    let mut hashed = 0;
    loop {
        let done: u64;
        crate::in_write_transaction!(db, tx => {
            let rows: Vec<Unhashed> =
                sqlx::query_as(unhashed).bind(BATCH).fetch_all(&mut *tx).await?;
            let events: Vec<NewEvent> = rows.into_iter().map(new_event).collect();
            let refs: Vec<&NewEvent> = events.iter().collect();
            let mut stored: Vec<StoredHash> = Vec::new();
            for (t, i, s) in predecessors_to_read(&refs) {
                let found: Option<StoredHash> = sqlx::query_as(PREDECESSOR)
                    .bind(t)
                    .bind(i)
                    .bind(s)
                    .fetch_optional(&mut *tx)
                    .await?;
                stored.extend(found);
            }
            for (event, hash) in events.iter().zip(chain_hashes(&refs, stored)?) {
                sqlx::query(SET_HASH)
                    .bind(hash)
                    .bind(&event.aggregate_type)
                    .bind(&event.aggregate_id)
                    .bind(event.sequence)
                    .execute(&mut *tx)
                    .await?;
            }
            if events.is_empty() {
                sqlx::query(DONE).execute(&mut *tx).await?;
            }
            done = u64::try_from(events.len()).unwrap_or(u64::MAX);
        });
        if done == 0 {
            break;
        }
        hashed += done;
    }
    if hashed > 0 {
        tracing::info!(
            hashed,
            "chain hashes filled in for events written before the chain"
        );
    }
    Ok(hashed)
}

fn new_event(row: Unhashed) -> NewEvent {
    let (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata) =
        row;
    NewEvent {
        aggregate_type,
        aggregate_id,
        sequence,
        event_type,
        event_version,
        payload,
        metadata,
    }
}
