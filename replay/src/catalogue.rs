//! The event types and payload fields an indicator may name.
//!
//! Read from the generated event catalogue (`docs/events.md`), which a test keeps equal to the
//! domain's types: one source of truth, so a new event type needs no change here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const CATALOGUE: &str = include_str!("../../docs/events.md");

/// One event type of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventType {
    /// The aggregate type whose stream holds it (`Participant`, `Enrolment`…).
    pub aggregate: &'static str,
    /// Top-level payload fields.
    pub fields: Vec<&'static str>,
}

/// Every event type by name.
pub fn event_types() -> &'static BTreeMap<&'static str, EventType> {
    static TYPES: OnceLock<BTreeMap<&'static str, EventType>> = OnceLock::new();
    TYPES.get_or_init(|| parse(CATALOGUE))
}

/// Whether `name` is a known event type.
pub fn is_event_type(name: &str) -> bool {
    event_types().contains_key(name)
}

fn parse(text: &'static str) -> BTreeMap<&'static str, EventType> {
    let mut types = BTreeMap::new();
    let mut aggregate = "";
    let mut current: Option<(&'static str, EventType)> = None;
    for line in text.lines() {
        if line.starts_with("## Command types") {
            break;
        }
        if let Some(name) = line.strip_prefix("## ") {
            aggregate = name.trim();
        } else if let Some(name) = line.strip_prefix("### ") {
            if let Some((name, event)) = current.take() {
                types.insert(name, event);
            }
            let name = name.trim().trim_matches('`');
            current = Some((
                name,
                EventType {
                    aggregate,
                    fields: Vec::new(),
                },
            ));
        } else if let (Some(rest), Some((_, event))) = (line.strip_prefix("| `"), current.as_mut())
        {
            if let Some((field, _)) = rest.split_once('`') {
                event.fields.push(field);
            }
        }
    }
    if let Some((name, event)) = current {
        types.insert(name, event);
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruta_domain::event_types;

    #[test]
    fn it_reads_the_generated_catalogue() {
        let types = event_types();
        let held = &types[event_types::PROGRAMME_EVENT_HELD];
        assert_eq!(held.aggregate, "ProgrammeEvent");
        assert!(held.fields.contains(&"total_attendance"));
        assert_eq!(
            types[event_types::COURSE_PUBLISHED].fields,
            Vec::<&str>::new()
        );
        assert!(is_event_type(event_types::CERTIFICATE_ISSUED));
        assert!(!is_event_type("RegisterParticipant"));
        assert!(types.len() > 60, "{}", types.len());
    }
}
