//! Search engines accept only `[A-Za-z0-9_-]` in document ids (Meilisearch's rule, which the
//! tantivy engine shares), while aggregate ids may hold any character (`.`, `@`, accents):
//! every other byte is written as `_` and two hex digits, and `_` itself as `_5f`, so the
//! mapping is reversible and ids that are already valid and `_`-free stay as they are.

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
    out
}

/// The aggregate id behind an engine id; `None` for text [`encode`] never writes.
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
}
