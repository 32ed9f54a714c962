//! The hash chain that makes edits to the log evident.
//!
//! Each event stores `chain_hash = SHA-256(previous || content)`, where `previous` is the raw
//! 32 bytes of the chain hash of the event before it *in its own stream* (32 zero bytes for a
//! stream's first event) and `content` is one line of canonical JSON of what the event says:
//! `aggregate_type`, `aggregate_id`, `sequence`, `event_type`, `event_version`, `payload` and
//! `metadata` as stored (ciphertext where a field is encrypted, so erasing a key never breaks
//! the chain). Per stream, because the writer of a stream already holds its predecessor (the
//! optimistic lock on `sequence`): writers of different streams never wait for each other.
//!
//! The order *across* streams is sealed afterwards by [`crate::seal`], which follows the
//! gap-safe reader. Anyone with write access to the database can recompute every hash; what
//! the chain gives is that an edit must be a deliberate recomputation, and the chain head
//! printed in a report (kept by the evaluator) then no longer matches.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The `previous` of a stream's first event.
pub const GENESIS: [u8; 32] = [0; 32];

/// What an event's chain hash covers; payload and metadata as stored JSON text.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    pub aggregate_type: &'a str,
    pub aggregate_id: &'a str,
    pub sequence: i64,
    pub event_type: &'a str,
    pub event_version: &'a str,
    pub payload: &'a str,
    pub metadata: &'a str,
}

/// Why content could not be hashed: its payload or metadata is not JSON.
#[derive(Debug, thiserror::Error)]
#[error("{0} is not JSON")]
pub struct NotJson(&'static str);

/// The chain hash of `content` after `previous`, as lower-case hex.
///
/// Payload and metadata are hashed in canonical form (keys sorted, no spaces), because
/// PostgreSQL's `jsonb` gives them back reordered: the hash must not depend on the backend.
///
/// # Errors
/// [`NotJson`] when payload or metadata does not parse.
pub fn link(previous: &[u8; 32], content: &Content<'_>) -> Result<String, NotJson> {
    let payload: Value = serde_json::from_str(content.payload).map_err(|_| NotJson("payload"))?;
    let metadata: Value =
        serde_json::from_str(content.metadata).map_err(|_| NotJson("metadata"))?;
    let line = serde_json::json!({
        "aggregate_id": content.aggregate_id,
        "aggregate_type": content.aggregate_type,
        "event_type": content.event_type,
        "event_version": content.event_version,
        "metadata": metadata,
        "payload": payload,
        "sequence": content.sequence,
    });
    let mut bytes = Vec::with_capacity(content.payload.len() + content.metadata.len() + 160);
    write_canonical(&line, &mut bytes);
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(&bytes);
    Ok(hex::encode(hasher.finalize()))
}

/// The 32 bytes of a stored hex hash; `None` when it is not one (an edited or missing hash).
pub fn decode(hash: &str) -> Option<[u8; 32]> {
    let mut out = [0; 32];
    hex::decode_to_slice(hash, &mut out).ok().map(|()| out)
}

/// Canonical JSON: object keys sorted by their UTF-8 bytes whatever the map's own order
/// (PostgreSQL's `jsonb` reorders keys; SQLite keeps them as written), no spaces.
pub fn write_canonical(value: &Value, out: &mut Vec<u8>) {
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

    fn content<'a>(payload: &'a str, metadata: &'a str) -> Content<'a> {
        Content {
            aggregate_type: "Course",
            aggregate_id: "c-1",
            sequence: 1,
            event_type: "CourseCreated",
            event_version: "1",
            payload,
            metadata,
        }
    }

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

    #[test]
    fn it_hashes_the_same_json_the_same_whatever_its_key_order_or_spacing() {
        let a = link(&GENESIS, &content(r#"{"a":1,"b":"x"}"#, r#"{"m":"1"}"#)).expect("json");
        let b = link(
            &GENESIS,
            &content(r#"{ "b": "x", "a": 1 }"#, r#"{"m": "1"}"#),
        )
        .expect("j");
        assert_eq!(a, b);
        assert_eq!(decode(&a).map(hex::encode), Some(a));
    }

    #[test]
    fn it_changes_with_one_byte_of_payload_or_with_the_predecessor() {
        let base = link(&GENESIS, &content(r#"{"a":1}"#, "{}")).expect("json");
        let edited = link(&GENESIS, &content(r#"{"a":2}"#, "{}")).expect("json");
        let after = link(&[1; 32], &content(r#"{"a":1}"#, "{}")).expect("json");
        assert_ne!(base, edited);
        assert_ne!(base, after);
        assert!(link(&GENESIS, &content("{", "{}")).is_err());
        assert_eq!(decode("zz"), None);
    }
}
