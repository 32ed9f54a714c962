//! Which history a report was computed from.
//!
//! The hash is SHA-256 over, for each event counted and in log order, one line of canonical
//! JSON (keys sorted at every level, no spaces) holding the event's identity
//! (`aggregate_type`, `aggregate_id`, `sequence`), `event_type`, `event_version`, `payload`,
//! `occurred_at` and `recorded_at`, followed by `\n`. Global positions and transaction ids are
//! left out: they are where the store put the event, not what happened.

use ruta_store::log::RecordedEvent;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The fingerprint printed at the end of every report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fingerprint {
    /// Events within the cut-offs (those fed to the indicators and hashed).
    pub events_counted: u64,
    /// Global position of the last event counted (0 when none).
    pub last_position: i64,
    /// Lower-case hex SHA-256 (see the module documentation).
    pub hash: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct FingerprintBuilder {
    hasher: Sha256,
    counted: u64,
    last_position: i64,
    line: Vec<u8>,
}

impl FingerprintBuilder {
    pub(crate) fn add(&mut self, event: &RecordedEvent) {
        self.counted += 1;
        self.last_position = event.checkpoint.position;
        let identity = serde_json::json!({
            "aggregate_id": event.aggregate_id,
            "aggregate_type": event.aggregate_type,
            "event_type": event.event_type,
            "event_version": event.event_version,
            "occurred_at": event.metadata.occurred_at,
            "payload": event.payload,
            "recorded_at": event.metadata.recorded_at,
            "sequence": event.sequence,
        });
        self.line.clear();
        write_canonical(&identity, &mut self.line);
        self.line.push(b'\n');
        self.hasher.update(&self.line);
    }

    pub(crate) fn finish(self) -> Fingerprint {
        Fingerprint {
            events_counted: self.counted,
            last_position: self.last_position,
            hash: hex::encode(self.hasher.finalize()),
        }
    }
}

/// Canonical JSON: object keys sorted by their UTF-8 bytes whatever the map's own order
/// (PostgreSQL's `jsonb` reorders keys; SQLite keeps them as written).
pub(crate) fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            out.push(b'{');
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(&Value::String(key.clone()), out);
                out.push(b':');
                write_canonical(&map[key], out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => out.extend_from_slice(scalar.to_string().as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_sorts_keys_at_every_level() {
        let value = serde_json::json!({"b": [1, {"z": true, "a": null}], "a": "x"});
        let mut out = Vec::new();
        write_canonical(&value, &mut out);
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            r#"{"a":"x","b":[1,{"a":null,"z":true}]}"#
        );
    }
}
