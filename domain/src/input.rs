//! What any text a caller sends must look like, whichever way it comes in (an HTTP body, a
//! batch item, an import line): the id grammar, and no control characters.
//!
//! The rules are checked on the JSON before it is turned into a command, so a hostile value
//! is refused before any look-up uses it and the answer names the field that carried it.
//! Which strings are ids and which are long free texts is told by the field's name: `id`,
//! `…_id` and the elements of `…_ids` are ids; the fields in [`LONG_TEXT_FIELDS`] are long
//! free texts; every other string is a short text.

use serde_json::Value;

/// The longest id.
pub const ID_MAX_LEN: usize = 128;

/// What an id may be, for messages.
pub const ID_GRAMMAR: &str = "1 to 128 letters, digits and - _ . : @, \
                              not starting with '.' or '-'";

/// Free texts that may span lines: newline and tab are allowed in them, no other control
/// character. Every other text field allows none at all.
pub const LONG_TEXT_FIELDS: &[&str] = &[
    "answer",
    "bio",
    "body",
    "cancellation_reason",
    "decline_reason",
    "description",
    "descriptions",
    "needs",
    "needs_summary",
    "note",
    "notes",
    "purpose",
    "question",
    "reason",
    "rejection_reason",
    "summary",
    "text",
];

/// Whether `value` fits the id grammar: 1–128 characters, each a letter or digit (any
/// script: mentors' ids such as `m.lucía@aracena` are their token subjects) or one of
/// `-`, `_`, `.`, `:`, `@`, not starting with `.` or `-` (so no id reads as a path step or an
/// option). No space, quote, slash, semicolon, symbol, emoji or control character.
pub fn is_id(value: &str) -> bool {
    !value.is_empty()
        && value.chars().count() <= ID_MAX_LEN
        && !value.starts_with(['.', '-'])
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '@'))
}

/// A value that breaks one of these rules, with the JSON path of the field that carried it
/// (`founder_ids[1]`, `titles.es`) in serde_path_to_error's notation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub field: String,
    pub message: String,
}

/// Checks every string (and every object key) in `value`.
///
/// # Errors
/// The first field that carries a malformed id or a forbidden control character.
pub fn check_json(value: &Value) -> Result<(), InputError> {
    check_value(value, &mut String::new(), Kind::Short)
}

/// Checks one text that is not an id: no control characters, except newline and tab when
/// `long`.
///
/// # Errors
/// An [`InputError`] naming `field`.
pub fn check_text(field: &str, text: &str, long: bool) -> Result<(), InputError> {
    check_string(field, text, if long { Kind::Long } else { Kind::Short })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Id,
    Short,
    Long,
}

/// Envelope keys that are not ids of anything stored: idempotency keys and correlation
/// tokens keep their own, wider rules (see the README) and are short texts here.
const KEYS_NOT_IDS: &[&str] = &["command_id", "correlation_id", "causation_id"];

fn kind_of(key: &str) -> Kind {
    if KEYS_NOT_IDS.contains(&key) {
        Kind::Short
    } else if key == "id" || key.ends_with("_id") || key.ends_with("_ids") {
        Kind::Id
    } else if LONG_TEXT_FIELDS.contains(&key) {
        Kind::Long
    } else {
        Kind::Short
    }
}

fn check_value(value: &Value, path: &mut String, kind: Kind) -> Result<(), InputError> {
    match value {
        Value::String(text) => check_string(path_or_body(path), text, kind),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                check_value(item, path, kind)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                check_string(path, key, Kind::Short)?;
                // A map keyed by language (`descriptions.es`) keeps the kind of its field.
                let inner = if kind == Kind::Short {
                    kind_of(key)
                } else {
                    kind
                };
                check_value(item, path, inner)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

fn path_or_body(path: &str) -> &str {
    if path.is_empty() {
        "body"
    } else {
        path
    }
}

fn check_string(field: &str, text: &str, kind: Kind) -> Result<(), InputError> {
    let refuse = |message: String| {
        Err(InputError {
            field: field.to_owned(),
            message,
        })
    };
    match kind {
        _ if text.contains('\0') => refuse("may not contain NUL characters".to_owned()),
        Kind::Id if !is_id(text) => refuse(format!("an id is {ID_GRAMMAR}")),
        Kind::Long
            if text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t') =>
        {
            refuse("may hold no control characters other than newline and tab".to_owned())
        }
        Kind::Short if text.chars().any(char::is_control) => {
            refuse("may hold no control characters".to_owned())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn it_accepts_the_ids_the_programme_uses() {
        for id in [
            "d2013-p0001",
            "d7-k2-c0003",
            "0b8f6c1e-7d3a-4d7e-9a53-2f0c1d9e8a41",
            "imp-p1",
            "api:staff-1:key.1",
            "K7QM-2XHD-9RTA",
            "m.lucía@aracena",
            "a",
            &"x".repeat(ID_MAX_LEN),
        ] {
            assert!(is_id(id), "{id}");
        }
    }

    #[test]
    fn it_refuses_hostile_ids() {
        for id in [
            "",
            "'; DROP TABLE events;--",
            "../../etc/passwd",
            "Ñandú💥",
            "a\u{0}b",
            "a b",
            ".hidden",
            "-rf",
            "a/b",
            "a#b",
            "💥",
            "a%00b",
            &"x".repeat(ID_MAX_LEN + 1),
        ] {
            assert!(!is_id(id), "{id:?}");
        }
    }

    #[test]
    fn it_names_the_field_that_carries_a_bad_value() {
        let error = |v: Value| check_json(&v).expect_err("refused").field;
        assert_eq!(error(json!({"mentor_id": "a b"})), "mentor_id");
        assert_eq!(
            error(json!({"founder_ids": ["ok-1", "../x"]})),
            "founder_ids[1]"
        );
        assert_eq!(
            error(json!({"name": "A\u{1b}[31mred\u{7}"})),
            "name",
            "short texts hold no control characters"
        );
        assert_eq!(error(json!({"titles": {"es": "a\nb"}})), "titles.es");
        assert_eq!(error(json!({"bio": "a\u{0}b"})), "bio");
        assert_eq!(error(json!({"a\u{0}": 1})), "a\u{0}");
    }

    #[test]
    fn it_lets_long_texts_span_lines() {
        let fine = json!({"description": "one\n\ttwo", "descriptions": {"es": "a\nb"},
            "course_id": "c-1", "attendee_ids": [], "name": "Ana Pérez", "walk_ins": 3});
        assert_eq!(check_json(&fine), Ok(()));
        assert!(check_json(&json!({"description": "a\rb"})).is_err());
    }
}
