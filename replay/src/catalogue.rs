//! The event types and payload fields an indicator may name, read from the event types
//! themselves ([`ruta_domain::catalogue`]): a new event type or field needs no change here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One event type of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventType {
    /// The aggregate type whose stream holds it (`Participant`, `Enrolment`…).
    pub aggregate: &'static str,
    /// Top-level payload fields.
    pub fields: Vec<String>,
}

/// Every event type by name.
pub fn event_types() -> &'static BTreeMap<String, EventType> {
    static TYPES: OnceLock<BTreeMap<String, EventType>> = OnceLock::new();
    TYPES.get_or_init(|| {
        ruta_domain::catalogue::events()
            .into_iter()
            .map(|event| {
                let fields = event.fields.into_iter().map(|field| field.name).collect();
                (
                    event.name,
                    EventType {
                        aggregate: event.aggregate,
                        fields,
                    },
                )
            })
            .collect()
    })
}

/// Whether `name` is a known event type.
pub fn is_event_type(name: &str) -> bool {
    event_types().contains_key(name)
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
        assert!(held.fields.iter().any(|f| f == "total_attendance"));
        assert_eq!(
            types[event_types::COURSE_PUBLISHED].fields,
            Vec::<&str>::new()
        );
        assert!(is_event_type(event_types::CERTIFICATE_ISSUED));
        assert!(!is_event_type("RegisterParticipant"));
        assert!(types.len() > 60, "{}", types.len());
    }
}
