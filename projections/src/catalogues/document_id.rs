//! Search engines accept only `[A-Za-z0-9_-]` in document ids (Meilisearch's rule, which the
//! tantivy engine shares), while aggregate ids may hold any character (`.`, `@`, accents):
//! every other byte is written as `_` and two hex digits, and `_` itself as `_5f`, so the
//! mapping is reversible and ids that are already valid and `_`-free stay as they are.
//!
//! An encoding longer than [`MAX_READABLE`] (engines refuse ids over 511 bytes, and one
//! multi-byte character takes 6) becomes `__` and the SHA-256 of the id in hex: `encode`
//! never writes `__`, so the two forms cannot meet. Such a document carries the aggregate id
//! in its [`AGGREGATE_ID`] field, which the search side reads back instead of decoding.

use sha2::{Digest, Sha256};

/// The longest encoded id kept readable.
pub(super) const MAX_READABLE: usize = 128;
/// The field holding the aggregate id of a document whose engine id is a hash.
pub(super) const AGGREGATE_ID: &str = "aggregate_id";

/// The engine's id of the document of aggregate `id`.
pub fn encode(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("_{byte:02x}"));
        }
    }
    if out.len() > MAX_READABLE {
        return format!("__{}", hex::encode(Sha256::digest(id.as_bytes())));
    }
    out
}

/// Whether [`encode`] gave `engine_id` as a hash (the aggregate id is then in the document).
pub(super) fn is_hashed(engine_id: &str) -> bool {
    engine_id.starts_with("__")
}

/// The aggregate id behind an engine id; `None` for a hashed id and for text [`encode`]
/// never writes.
pub fn decode(id: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(id.len());
    let mut rest = id.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'_' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    #[test]
    fn it_round_trips_any_id_and_keeps_plain_ones() {
        for id in [
            "l-123",
            "5d739f11-c34f-46e3",
            "d2013.course_7",
            "ana@example.es",
            "peña/1",
            "_",
        ] {
            let encoded = encode(id);
            assert!(encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(decode(&encoded).as_deref(), Some(id));
        }
        assert_eq!(encode("l-123"), "l-123");
        assert_eq!(decode("bad_z"), None);
    }

    #[test]
    fn long_ids_become_fixed_length_hashes() {
        let long = "ñ".repeat(200);
        let encoded = encode(&long);
        assert!(super::is_hashed(&encoded));
        assert_eq!(encoded.len(), 66);
        assert_eq!(decode(&encoded), None);
        assert_ne!(encode(&"ñ".repeat(201)), encoded);
        let readable = "a".repeat(super::MAX_READABLE);
        assert_eq!(encode(&readable), readable);
        assert!(!super::is_hashed(&encode("_x")));
    }
}
