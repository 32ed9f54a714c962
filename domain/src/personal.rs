//! Which event fields are personal data (GDPR art. 4(1)): what the pseudonymised export drops,
//! and what erasure will encrypt under a key per data subject. The record with the reasons is
//! `docs/decisions/0026-personal-data-in-events.md`.
//!
//! Fields are named by their JSON key, wherever they stand in a payload (an anonymous buyer's
//! `name` and `email` sit inside `buyer`, a mentor's `name` and `bio` inside `profile`).

/// Keys whose values identify a person or are free text a person wrote or that is written
/// about one (free text can name anyone, so it is treated as personal without reading it).
pub const PERSONAL_FIELDS: &[&str] = &[
    // Identification: participants, anonymous buyers, mentors and experts.
    "name",
    "email",
    "phone",
    "bio",
    // Free text by or about a person.
    "activity",
    "counterpart_name",
    "note",
    "question",
    "reason",
    "summary",
    "text",
];

/// Whether a payload key holds personal data.
pub fn is_personal(key: &str) -> bool {
    PERSONAL_FIELDS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_names_identification_and_free_text_but_not_the_facts_indicators_count() {
        for key in ["name", "email", "text", "question"] {
            assert!(is_personal(key), "{key}");
        }
        for key in [
            "country_of_residence",
            "country_of_origin",
            "municipality",
            "migrant_status",
            "gender",
            "participant_id",
            "score",
        ] {
            assert!(!is_personal(key), "{key}");
        }
    }
}
