//! Appending events: one multi-row insert per transaction, positions read back from it.
//!
//! Each event's row carries its aggregate, its sequence (the optimistic lock: the primary key
//! `(aggregate_type, aggregate_id, sequence)` refuses a second writer of the same sequence),
//! its payload and metadata as JSON text, exactly as cqrs-es's repositories write and read
//! them, and its chain hash ([`crate::chain`]), computed here from the predecessor in its
//! stream, read in the same transaction. The triggers of the `events` table claim the command
//! id and index the subjects.

use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqliteConnection;
use sqlx::Connection;
use std::collections::HashMap;

use crate::chain::{self, Content};
use crate::{StoreError, WritePool};

/// One event to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub event_version: String,
    /// JSON text of the event's payload.
    pub payload: String,
    /// JSON text of the envelope metadata (an object of strings).
    pub metadata: String,
}

/// The events one command appends: written together or not at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Commit {
    pub events: Vec<NewEvent>,
}

/// What became of an append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Appended {
    /// Written: the global position of each event, in the order given.
    Positions(Vec<i64>),
    /// A sequence or a command id was taken by another commit (a unique key refused it):
    /// nothing of this append was written; decide again on fresh state.
    Conflict,
}

/// The events of every commit, in order, as one slice of rows.
fn rows(commits: &[Commit]) -> Vec<&NewEvent> {
    commits.iter().flat_map(|c| c.events.iter()).collect()
}

/// Whether `error` is a unique key refusing the row: a lost race, not a failure.
pub(crate) fn is_conflict(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Appends every commit in one transaction: all or none.
pub(crate) async fn append_all(
    pool: &WritePool,
    commits: &[Commit],
) -> Result<Appended, StoreError> {
    let rows = rows(commits);
    if rows.is_empty() {
        return Ok(Appended::Positions(Vec::new()));
    }
    let written = match pool {
        WritePool::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            match insert_postgres(&mut tx, &rows).await {
                Ok(positions) => tx.commit().await.map(|()| positions),
                Err(error) => Err(error),
            }
        }
        WritePool::Sqlite(pool) => {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            match insert_sqlite(&mut tx, &rows).await {
                Ok(positions) => tx.commit().await.map(|()| positions),
                Err(error) => Err(error),
            }
        }
    };
    match written {
        Ok(positions) => Ok(Appended::Positions(positions)),
        Err(error) if is_conflict(&error) => Ok(Appended::Conflict),
        Err(error) => Err(error.into()),
    }
}

/// Appends each commit on its own savepoint inside one transaction: a commit that a unique
/// key refuses is rolled back alone and answered [`Appended::Conflict`]; one that fails
/// otherwise is answered with its error. The others are committed together.
pub(crate) async fn append_each(
    pool: &WritePool,
    commits: &[Commit],
) -> Result<Vec<Result<Appended, StoreError>>, StoreError> {
    let mut answers = Vec::with_capacity(commits.len());
    match pool {
        WritePool::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            for commit in commits {
                let mut savepoint = tx.begin().await?;
                let rows: Vec<&NewEvent> = commit.events.iter().collect();
                let written = insert_postgres(&mut savepoint, &rows).await;
                answers.push(settle(written, savepoint).await?);
            }
            tx.commit().await?;
        }
        WritePool::Sqlite(pool) => {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            for commit in commits {
                let mut savepoint = tx.begin().await?;
                let rows: Vec<&NewEvent> = commit.events.iter().collect();
                let written = insert_sqlite(&mut savepoint, &rows).await;
                answers.push(settle(written, savepoint).await?);
            }
            tx.commit().await?;
        }
    }
    Ok(answers)
}

/// Releases the savepoint of a written commit, rolls back one that failed.
async fn settle<DB: sqlx::Database>(
    written: Result<Vec<i64>, sqlx::Error>,
    savepoint: sqlx::Transaction<'_, DB>,
) -> Result<Result<Appended, StoreError>, StoreError> {
    Ok(match written {
        Ok(positions) => {
            savepoint.commit().await?;
            Ok(Appended::Positions(positions))
        }
        Err(error) => {
            savepoint.rollback().await?;
            if is_conflict(&error) {
                Ok(Appended::Conflict)
            } else {
                Err(error.into())
            }
        }
    })
}

/// One statement for all rows; the positions come back with their keys because `RETURNING`
/// does not promise the input's order.
async fn insert_postgres(
    conn: &mut PgConnection,
    rows: &[&NewEvent],
) -> Result<Vec<i64>, sqlx::Error> {
    const SQL: &str = "
INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version,
                    payload, metadata, chain_hash)
SELECT t, i, s, e, v, p::jsonb, m::jsonb, h
  FROM UNNEST($1::text[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[],
              $7::text[], $8::text[]) AS r(t, i, s, e, v, p, m, h)
RETURNING aggregate_type, aggregate_id, sequence, global_position";
    const PREDECESSORS: &str = "
SELECT e.aggregate_type, e.aggregate_id, e.sequence, e.chain_hash
  FROM events AS e
  JOIN UNNEST($1::text[], $2::text[], $3::int8[]) AS k(t, i, s)
    ON e.aggregate_type = k.t AND e.aggregate_id = k.i AND e.sequence = k.s";
    let column = |f: fn(&NewEvent) -> &str| -> Vec<&str> { rows.iter().map(|r| f(r)).collect() };
    let wanted = predecessors_to_read(rows);
    let stored: Vec<StoredHash> = sqlx::query_as(PREDECESSORS)
        .bind(wanted.iter().map(|k| k.0).collect::<Vec<&str>>())
        .bind(wanted.iter().map(|k| k.1).collect::<Vec<&str>>())
        .bind(wanted.iter().map(|k| k.2).collect::<Vec<i64>>())
        .fetch_all(&mut *conn)
        .await?;
    let hashes = chain_hashes(rows, stored)?;
    let returned: Vec<(String, String, i64, i64)> = sqlx::query_as(SQL)
        .bind(column(|r| &r.aggregate_type))
        .bind(column(|r| &r.aggregate_id))
        .bind(rows.iter().map(|r| r.sequence).collect::<Vec<i64>>())
        .bind(column(|r| &r.event_type))
        .bind(column(|r| &r.event_version))
        .bind(column(|r| &r.payload))
        .bind(column(|r| &r.metadata))
        .bind(&hashes)
        .fetch_all(&mut *conn)
        .await?;
    let by_key: std::collections::HashMap<(&str, &str, i64), i64> = returned
        .iter()
        .map(|(t, i, s, p)| ((t.as_str(), i.as_str(), *s), *p))
        .collect();
    rows.iter()
        .map(|r| {
            by_key
                .get(&(
                    r.aggregate_type.as_str(),
                    r.aggregate_id.as_str(),
                    r.sequence,
                ))
                .copied()
                .ok_or_else(|| sqlx::Error::Protocol("an inserted event was not returned".into()))
        })
        .collect()
}

/// Rows per insert statement on SQLite: 9 parameters each, far below its limit of 32,766.
const SQLITE_ROWS_PER_INSERT: usize = 256;

/// Positions are handed out here, under the write lock (the trigger fills only rows that
/// come without one, as cqrs-es's inserts do), so position order is commit order.
async fn insert_sqlite(
    conn: &mut SqliteConnection,
    rows: &[&NewEvent],
) -> Result<Vec<i64>, sqlx::Error> {
    const LAST: &str = "SELECT COALESCE(MAX(global_position), 0) FROM events";
    let last: i64 = sqlx::query_scalar(LAST).fetch_one(&mut *conn).await?;
    // One indexed look-up per stream: SQLite plans a row-value `IN (VALUES …)` as a scan of
    // the whole table, which made every append cost as much as the log is long.
    let mut stored = Vec::new();
    for (t, i, s) in predecessors_to_read(rows) {
        let found: Option<StoredHash> = sqlx::query_as(PREDECESSOR)
            .bind(t)
            .bind(i)
            .bind(s)
            .fetch_optional(&mut *conn)
            .await?;
        stored.extend(found);
    }
    let hashes = chain_hashes(rows, stored)?;
    let positions: Vec<i64> = (1..=rows.len())
        .map(|n| last + i64::try_from(n).unwrap_or(i64::MAX))
        .collect();
    for ((chunk, chunk_positions), chunk_hashes) in rows
        .chunks(SQLITE_ROWS_PER_INSERT)
        .zip(positions.chunks(SQLITE_ROWS_PER_INSERT))
        .zip(hashes.chunks(SQLITE_ROWS_PER_INSERT))
    {
        let mut insert = sqlx::QueryBuilder::new(
            "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, \
             event_version, payload, metadata, global_position, chain_hash) ",
        );
        insert.push_values(
            chunk.iter().zip(chunk_positions).zip(chunk_hashes),
            |mut values, ((row, position), hash)| {
                values
                    .push_bind(&row.aggregate_type)
                    .push_bind(&row.aggregate_id)
                    .push_bind(row.sequence)
                    .push_bind(&row.event_type)
                    .push_bind(&row.event_version)
                    .push_bind(&row.payload)
                    .push_bind(&row.metadata)
                    .push_bind(*position)
                    .push_bind(hash);
            },
        );
        insert.build().execute(&mut *conn).await?;
    }
    Ok(positions)
}

/// The chain hash of one stream's event (its primary key: one index look-up).
pub(crate) const PREDECESSOR: &str = "SELECT aggregate_type, aggregate_id, sequence, chain_hash \
     FROM events WHERE aggregate_type = $1 AND aggregate_id = $2 AND sequence = $3";

/// A stream's event and its stored chain hash (`None` on a row the store has not hashed).
pub(crate) type StoredHash = (String, String, i64, Option<String>);

/// The predecessors of `rows` that are not among `rows`: what must be read from the store.
pub(crate) fn predecessors_to_read<'a>(rows: &[&'a NewEvent]) -> Vec<(&'a str, &'a str, i64)> {
    let here: std::collections::HashSet<(&str, &str, i64)> = rows
        .iter()
        .map(|r| {
            (
                r.aggregate_type.as_str(),
                r.aggregate_id.as_str(),
                r.sequence,
            )
        })
        .collect();
    rows.iter()
        .filter(|r| r.sequence > 1)
        .map(|r| {
            (
                r.aggregate_type.as_str(),
                r.aggregate_id.as_str(),
                r.sequence - 1,
            )
        })
        .filter(|key| !here.contains(key))
        .collect()
}

/// The chain hash of each row, in order: after the row before it in its stream, found among
/// the rows before it or in `stored`; a stream's first event (sequence 1) follows
/// [`chain::GENESIS`].
pub(crate) fn chain_hashes(
    rows: &[&NewEvent],
    stored: Vec<StoredHash>,
) -> Result<Vec<String>, sqlx::Error> {
    let mut known: HashMap<(String, String, i64), Option<String>> = stored
        .into_iter()
        .map(|(t, i, s, h)| ((t, i, s), h))
        .collect();
    let mut hashes = Vec::with_capacity(rows.len());
    for row in rows {
        let previous = if row.sequence <= 1 {
            chain::GENESIS
        } else {
            let key = (
                row.aggregate_type.clone(),
                row.aggregate_id.clone(),
                row.sequence - 1,
            );
            known
                .get(&key)
                .and_then(|h| h.as_deref())
                .and_then(chain::decode)
                .ok_or_else(|| {
                    sqlx::Error::Protocol(format!(
                        "no chain hash for {} {} sequence {}: run the store's migrations",
                        row.aggregate_type,
                        row.aggregate_id,
                        row.sequence - 1
                    ))
                })?
        };
        let hash = chain::link(&previous, &content(row))
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        known.insert(
            (
                row.aggregate_type.clone(),
                row.aggregate_id.clone(),
                row.sequence,
            ),
            Some(hash.clone()),
        );
        hashes.push(hash);
    }
    Ok(hashes)
}

fn content(row: &NewEvent) -> Content<'_> {
    Content {
        aggregate_type: &row.aggregate_type,
        aggregate_id: &row.aggregate_id,
        sequence: row.sequence,
        event_type: &row.event_type,
        event_version: &row.event_version,
        payload: &row.payload,
        metadata: &row.metadata,
    }
}
