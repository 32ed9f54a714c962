//! An event as read back from the log, with its envelope.

use serde::{Deserialize, Serialize};

use super::{Checkpoint, ReadError};

/// The envelope metadata written by the command layer on every event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventMetadata {
    pub actor: String,
    pub actor_role: String,
    /// Business time (RFC 3339, UTC); may be back-dated for imported history.
    pub occurred_at: String,
    /// System time of the commit (RFC 3339, UTC).
    pub recorded_at: String,
    pub command_id: String,
    pub correlation_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causation_id: Option<String>,
    pub channel: String,
    /// Participant ids the event concerns.
    pub subjects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedEvent {
    /// Where the event sits in the global log; resume reading after it.
    pub checkpoint: Checkpoint,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub event_version: String,
    pub payload: serde_json::Value,
    pub metadata: EventMetadata,
    /// Its link in its stream's hash chain (see [`crate::chain`]); `None` only on a row the
    /// store has not hashed (written behind its back).
    pub chain_hash: Option<String>,
}

impl RecordedEvent {
    /// The event as its aggregate's event type, when it belongs to aggregate type `A`.
    ///
    /// The stored `event_type` and the payload's `type` tag are both written from
    /// [`DomainEvent::event_type`](ruta_domain::DomainEvent::event_type): this is the one
    /// place a reader turns them back into a type, so renaming an event or a field breaks
    /// the build of every reader that matches on it, not a search or a report at run time.
    ///
    /// # Errors
    /// [`ReadError::Corrupt`] when the payload is not an event of `A`.
    pub fn decode<A: ruta_domain::Aggregate>(&self) -> Result<Option<A::Event>, ReadError> {
        if self.aggregate_type != A::TYPE {
            return Ok(None);
        }
        serde::Deserialize::deserialize(&self.payload)
            .map(Some)
            .map_err(|e| ReadError::Corrupt {
                position: self.checkpoint.position,
                reason: format!("{} {}: {e}", self.aggregate_type, self.event_type),
            })
    }
}

/// The columns every log query selects, in this order, payload and metadata as text.
pub(crate) type Row = (
    String,
    i64,
    String,
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
);

/// Metadata is stored as a string map; `subjects` holds a JSON array inside a string.
#[derive(Deserialize)]
struct StoredMetadata {
    actor: String,
    actor_role: String,
    occurred_at: String,
    recorded_at: String,
    command_id: String,
    correlation_id: String,
    causation_id: Option<String>,
    channel: String,
    subjects: String,
    /// `{"<sequence>": [ids]}`: each event's own subjects (absent on older events).
    #[serde(default)]
    event_subjects: Option<String>,
}

impl TryFrom<Row> for RecordedEvent {
    type Error = ReadError;

    fn try_from(row: Row) -> Result<Self, ReadError> {
        let (
            tx,
            position,
            aggregate_type,
            aggregate_id,
            sequence,
            event_type,
            event_version,
            payload,
            metadata,
            chain_hash,
        ) = row;
        let corrupt = |reason: String| ReadError::Corrupt { position, reason };
        let transaction_id = tx
            .parse::<u64>()
            .map_err(|e| corrupt(format!("transaction id: {e}")))?;
        let payload =
            serde_json::from_str(&payload).map_err(|e| corrupt(format!("payload: {e}")))?;
        let m: StoredMetadata =
            serde_json::from_str(&metadata).map_err(|e| corrupt(format!("metadata: {e}")))?;
        let own = m
            .event_subjects
            .as_deref()
            .map(serde_json::from_str::<std::collections::HashMap<String, Vec<String>>>)
            .transpose()
            .map_err(|e| corrupt(format!("event_subjects: {e}")))?
            .and_then(|mut map| map.remove(&sequence.to_string()));
        let subjects = match own {
            Some(subjects) => subjects,
            None => {
                serde_json::from_str(&m.subjects).map_err(|e| corrupt(format!("subjects: {e}")))?
            }
        };
        Ok(Self {
            checkpoint: Checkpoint {
                transaction_id,
                position,
            },
            aggregate_type,
            aggregate_id,
            sequence,
            event_type,
            event_version,
            payload,
            metadata: EventMetadata {
                actor: m.actor,
                actor_role: m.actor_role,
                occurred_at: m.occurred_at,
                recorded_at: m.recorded_at,
                command_id: m.command_id,
                correlation_id: m.correlation_id,
                causation_id: m.causation_id,
                channel: m.channel,
                subjects,
            },
            chain_hash,
        })
    }
}

pub(crate) fn parse_rows(rows: Vec<Row>) -> Result<Vec<RecordedEvent>, ReadError> {
    rows.into_iter().map(RecordedEvent::try_from).collect()
}
