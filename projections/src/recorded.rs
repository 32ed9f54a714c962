//! An event as read back from the log, with its envelope.

use serde::{Deserialize, Serialize};

use crate::global_log::Checkpoint;
use crate::LogError;

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
    type Error = LogError;

    fn try_from(row: Row) -> Result<Self, LogError> {
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
        ) = row;
        let corrupt = |reason: String| LogError::Corrupt { position, reason };
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
        })
    }
}

pub(crate) fn parse_rows(rows: Vec<Row>) -> Result<Vec<RecordedEvent>, LogError> {
    rows.into_iter().map(RecordedEvent::try_from).collect()
}
