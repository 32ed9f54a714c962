//! Walking the whole log to prove nobody edited it: every event's chain hash recomputed from
//! what it says and its stream predecessor's hash ([`crate::chain`]), each stream's sequence
//! checked unbroken, and the sealed order ([`crate::seal`]) recomputed event by event. It stops
//! at the first finding, which names the event's global position.

use std::collections::{HashMap, VecDeque};
use std::fmt;

use crate::chain::{self, Content, GENESIS};
use crate::log::{Checkpoint, Row, SQLITE_READ};
use crate::seal::next_seal;
use crate::{Database, StoreError};

/// Events (and seals) read per query.
const BATCH: i64 = 2_000;

/// What was found wrong, at which global position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub position: i64,
    pub kind: FindingKind,
    /// The stream and sequence concerned, and what was expected, in words.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// The event's content (or its envelope, or its hash) is not what was hashed.
    Altered,
    /// An event is missing: the sealed event at this position, or one before this event in
    /// its stream.
    Removed,
    /// The event stands where the sealed order has another one, or ahead of its predecessor.
    Reordered,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            FindingKind::Altered => "altered",
            FindingKind::Removed => "removed",
            FindingKind::Reordered => "reordered",
        };
        write!(f, "position {}: {kind}: {}", self.position, self.detail)
    }
}

/// What a walk of the log found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Events checked (up to the finding, when there is one).
    pub events: u64,
    pub streams: u64,
    /// Events whose place in the order was checked against a seal.
    pub sealed: u64,
    /// The last seal checked: the chain head to compare with a report's.
    pub seal: Option<String>,
    /// The first thing wrong, if anything.
    pub finding: Option<Finding>,
}

/// PostgreSQL: every committed event, without the reader's horizon (nothing is checkpointed
/// here, so an event committed late is simply not looked at). SQLite reads as the reader does.
const PG_EVENTS: &str = "
SELECT transaction_id::text, global_position, aggregate_type, aggregate_id, sequence,
       event_type, event_version, payload::text, metadata::text, chain_hash
  FROM events
 WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
 ORDER BY events.transaction_id, events.global_position
 LIMIT $3";
const SEALS: &str = "SELECT seal_index, global_position, seal FROM event_seals \
     WHERE seal_index > $1 ORDER BY seal_index LIMIT $2";

/// The walk's state between rows.
#[derive(Default)]
struct Walk {
    streams: HashMap<(String, String), (i64, String)>,
    seals: VecDeque<(i64, i64, String)>,
    seals_exhausted: bool,
    last_seal: Option<String>,
    events: u64,
    sealed: u64,
}

/// Walks the whole log in its order and reports the first altered, removed or reordered event.
///
/// # Errors
/// [`StoreError`] when the database fails (a finding is not an error: see
/// [`Verification::finding`]).
pub async fn verify(db: &Database) -> Result<Verification, StoreError> {
    let mut walk = Walk::default();
    let mut after = Checkpoint::START;
    loop {
        let rows: Vec<Row> = crate::with_pool!(db, pool => {
            let sql = if matches!(db, Database::Postgres(..)) { PG_EVENTS } else { SQLITE_READ };
            sqlx::query_as(sql)
                .bind(after.transaction_id.to_string())
                .bind(after.position)
                .bind(BATCH)
                .fetch_all(pool)
                .await?
        });
        if rows.is_empty() {
            break;
        }
        for row in rows {
            after = Checkpoint {
                transaction_id: row.0.parse().unwrap_or(0),
                position: row.1,
            };
            if let Some(finding) = walk.check(db, &row).await? {
                return Ok(walk.finish(Some(finding)));
            }
        }
    }
    // Seals beyond the last event: the events they sealed are gone.
    let finding = walk.next_seal(db).await?.map(|(_, position, _)| Finding {
        position,
        kind: FindingKind::Removed,
        detail: "this position was sealed but no event stands there any more".into(),
    });
    Ok(walk.finish(finding))
}

impl Walk {
    fn finish(self, finding: Option<Finding>) -> Verification {
        Verification {
            events: self.events,
            streams: u64::try_from(self.streams.len()).unwrap_or(u64::MAX),
            sealed: self.sealed,
            seal: self.last_seal,
            finding,
        }
    }

    async fn next_seal(&mut self, db: &Database) -> Result<Option<(i64, i64, String)>, StoreError> {
        if self.seals.is_empty() && !self.seals_exhausted {
            let from = i64::try_from(self.sealed).unwrap_or(i64::MAX);
            let rows: Vec<(i64, i64, String)> = crate::with_pool!(db, pool => {
                sqlx::query_as(SEALS).bind(from).bind(BATCH).fetch_all(pool).await?
            });
            self.seals_exhausted = rows.is_empty();
            self.seals.extend(rows);
        }
        Ok(self.seals.pop_front())
    }

    async fn check(&mut self, db: &Database, row: &Row) -> Result<Option<Finding>, StoreError> {
        let (
            _,
            position,
            aggregate_type,
            aggregate_id,
            sequence,
            event_type,
            version,
            payload,
            metadata,
            stored,
        ) = row;
        let (position, sequence) = (*position, *sequence);
        let stream = format!("{aggregate_type} {aggregate_id}");
        let at = |kind, detail: String| {
            Some(Finding {
                position,
                kind,
                detail,
            })
        };
        let key = (aggregate_type.clone(), aggregate_id.clone());
        let previous = match (self.streams.get(&key), sequence) {
            (None, s) if s <= 1 => GENESIS,
            (Some((last, hash)), s) if s == last + 1 => chain::decode(hash).unwrap_or(GENESIS),
            (Some((last, _)), s) if s <= *last => {
                return Ok(at(
                    FindingKind::Reordered,
                    format!("{stream} sequence {s} stands after its sequence {last}"),
                ))
            }
            (last, s) => {
                let expected = last.map_or(1, |(n, _)| n + 1);
                return Ok(at(
                    FindingKind::Removed,
                    format!("{stream} sequence {s} follows no sequence {expected}: events before it are missing (or it was moved ahead of them)"),
                ));
            }
        };
        let content = Content {
            aggregate_type,
            aggregate_id,
            sequence,
            event_type,
            event_version: version,
            payload,
            metadata,
        };
        let recomputed = chain::link(&previous, &content).ok();
        if stored.is_none() || recomputed.as_ref() != stored.as_ref() {
            return Ok(at(
                FindingKind::Altered,
                format!(
                    "{stream} sequence {sequence} ({event_type}) does not match its chain hash"
                ),
            ));
        }
        let hash = stored.clone().unwrap_or_default();
        self.events += 1;
        self.streams.insert(key, (sequence, hash.clone()));
        if let Some((index, sealed_position, seal)) = self.next_seal(db).await? {
            if sealed_position < position {
                return Ok(Some(Finding {
                    position: sealed_position,
                    kind: FindingKind::Removed,
                    detail: format!("seal {index} was made for an event here; the next event in the log is at position {position}"),
                }));
            }
            let before = self
                .last_seal
                .as_deref()
                .and_then(chain::decode)
                .unwrap_or(GENESIS);
            if sealed_position > position || next_seal(&before, position, &hash) != seal {
                return Ok(at(
                    FindingKind::Reordered,
                    format!("{stream} sequence {sequence} is not the event sealed {index}th in the log's order"),
                ));
            }
            self.sealed += 1;
            self.last_seal = Some(seal);
        }
        Ok(None)
    }
}
