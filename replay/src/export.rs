//! The pseudonymised export: every event of the log for analysts outside Ruta, without the
//! personal fields ([`ruta_domain::personal`]) and with every data subject's id replaced by a
//! keyed pseudonym.
//!
//! A pseudonym is `HMAC-SHA256(key, id)`, its first 16 bytes in hex after `ps_`: the same id
//! gives the same pseudonym under the same key (so exports made with one key can be joined),
//! and nobody without the key can go back to the id or test a guess. Subjects are every id
//! an envelope names as a subject or an actor, and the ids of participant, mentor and expert
//! streams; any string in the event equal to one of them is replaced, wherever it stands, and
//! so is the subject part of an id derived from one (an enrolment's `{participant}.{course}`).
//! Countries, municipality, migrant status, gender, dates and scores stay: they are what
//! indicators count. Pseudonymised data are still personal data (GDPR recital 26): an export
//! is handled as such.

use hmac::{Hmac, Mac};
use ruta_domain::personal::is_personal;
use ruta_store::log::{Checkpoint, GlobalLog, RecordedEvent};
use ruta_store::Database;
use serde_json::{json, Map, Value};
use sha2::Sha256;
use std::collections::HashSet;
use std::io::Write;

use crate::ReplayError;

/// Events read per query.
const BATCH: u32 = 2_000;

/// Streams whose id is a person's.
const PERSON_STREAMS: &[&str] = &["Participant", "Mentor", "Expert"];

/// How the export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// One row per event, the payload as a JSON cell.
    Csv,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    pub events: u64,
    pub subjects: u64,
}

/// The keyed pseudonym of `id`.
///
/// # Panics
/// Never: HMAC takes a key of any length.
pub fn pseudonym(key: &[u8], id: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(id.as_bytes());
    let digest = mac.finalize().into_bytes();
    format!("ps_{}", hex::encode(&digest[..16]))
}

/// Writes every final event of the log to `out`, pseudonymised under `key`.
///
/// # Errors
/// [`ReplayError`] when the log cannot be read or `out` cannot be written.
pub async fn export_pseudonymised(
    db: &Database,
    key: &[u8],
    format: ExportFormat,
    out: &mut impl Write,
) -> Result<Exported, ReplayError> {
    let log = GlobalLog::new(db.clone());
    let mut subjects = HashSet::new();
    each_event(&log, |event| {
        subjects.extend(event.metadata.subjects.iter().cloned());
        subjects.insert(event.metadata.actor.clone());
        if PERSON_STREAMS.contains(&event.aggregate_type.as_str()) {
            subjects.insert(event.aggregate_id.clone());
        }
        Ok(())
    })
    .await?;
    let pseudonymise = Pseudonymiser {
        key,
        subjects: &subjects,
    };
    if format == ExportFormat::Csv {
        writeln!(out, "position,occurred_at,recorded_at,event_type,aggregate_type,aggregate_id,actor_role,actor,channel,subjects,payload")?;
    }
    let mut events = 0;
    each_event(&log, |event| {
        let row = pseudonymise.event(event);
        match format {
            ExportFormat::Jsonl => writeln!(out, "{row}")?,
            ExportFormat::Csv => writeln!(out, "{}", csv_row(&row))?,
        }
        events += 1;
        Ok(())
    })
    .await?;
    Ok(Exported {
        events,
        subjects: u64::try_from(subjects.len()).unwrap_or(u64::MAX),
    })
}

async fn each_event(
    log: &GlobalLog,
    mut visit: impl FnMut(&RecordedEvent) -> Result<(), ReplayError>,
) -> Result<(), ReplayError> {
    let mut after = Checkpoint::START;
    loop {
        let batch = log.read_after(after, BATCH).await?;
        let Some(last) = batch.last() else {
            return Ok(());
        };
        after = last.checkpoint;
        for event in &batch {
            visit(event)?;
        }
    }
}

struct Pseudonymiser<'a> {
    key: &'a [u8],
    subjects: &'a HashSet<String>,
}

impl Pseudonymiser<'_> {
    /// A subject id's pseudonym; an id derived from one (an enrolment is
    /// `{participant}.{course}`) keeps its derivation with the subject part pseudonymised.
    fn id(&self, value: &str) -> String {
        if self.subjects.contains(value) {
            return pseudonym(self.key, value);
        }
        for (dot, _) in value.match_indices('.') {
            let (head, rest) = value.split_at(dot);
            if self.subjects.contains(head) {
                return format!("{}{rest}", pseudonym(self.key, head));
            }
        }
        value.to_owned()
    }

    /// `value` without personal keys, every subject id in it replaced.
    fn value(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.id(s)),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.value(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(k, _)| !is_personal(k))
                    .map(|(k, v)| (k.clone(), self.value(v)))
                    .collect::<Map<String, Value>>(),
            ),
            other => other.clone(),
        }
    }

    fn event(&self, event: &RecordedEvent) -> Value {
        let m = &event.metadata;
        json!({
            "position": event.checkpoint.position,
            "occurred_at": m.occurred_at,
            "recorded_at": m.recorded_at,
            "event_type": event.event_type,
            "aggregate_type": event.aggregate_type,
            "aggregate_id": self.id(&event.aggregate_id),
            "actor_role": m.actor_role,
            "actor": self.id(&m.actor),
            "channel": m.channel,
            "subjects": m.subjects.iter().map(|s| self.id(s)).collect::<Vec<_>>(),
            "payload": self.value(&event.payload),
        })
    }
}

/// The CSV row of an exported event (RFC 4180 quoting; the payload as JSON text).
fn csv_row(row: &Value) -> String {
    let text = |key: &str| match &row[key] {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    };
    [
        "position",
        "occurred_at",
        "recorded_at",
        "event_type",
        "aggregate_type",
        "aggregate_id",
        "actor_role",
        "actor",
        "channel",
        "subjects",
        "payload",
    ]
    .iter()
    .map(|key| quote(&text(key)))
    .collect::<Vec<_>>()
    .join(",")
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_gives_one_pseudonym_per_id_and_key() {
        let a = pseudonym(b"key one", "p-1");
        assert_eq!(a, pseudonym(b"key one", "p-1"));
        assert_ne!(a, pseudonym(b"key two", "p-1"));
        assert_ne!(a, pseudonym(b"key one", "p-2"));
        assert_eq!(a.len(), 3 + 32);
    }

    #[test]
    fn it_drops_personal_keys_at_any_depth_and_replaces_subject_ids() {
        let subjects: HashSet<String> = ["p-1".to_owned()].into();
        let p = Pseudonymiser {
            key: b"k",
            subjects: &subjects,
        };
        let payload = json!({"participant_id": "p-1", "course_id": "c-1", "score": 70,
            "buyer": {"kind": "anonymous", "name": "Ana", "email": "a@x.es"},
            "founder_ids": ["p-1"], "name": "Ana Pérez"});
        let out = p.value(&payload);
        assert_eq!(out["participant_id"], json!(pseudonym(b"k", "p-1")));
        assert_eq!(out["founder_ids"][0], out["participant_id"]);
        assert_eq!(p.id("p-1.c-9"), format!("{}.c-9", pseudonym(b"k", "p-1")));
        assert_eq!(p.id("p-10.c-9"), "p-10.c-9");
        assert_eq!(
            (out["course_id"].clone(), out["score"].clone()),
            (json!("c-1"), json!(70))
        );
        assert_eq!(out["buyer"], json!({"kind": "anonymous"}));
        assert!(out.get("name").is_none());
        assert_eq!(quote("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
