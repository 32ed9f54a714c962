//! The event catalogue, read from the event types themselves (their OpenAPI schemas): every
//! aggregate's events with their fields. `docs/events.md` is rendered from it, and the
//! replay checks the event types and fields an indicator names against it.

use serde_json::Value;
use utoipa::PartialSchema;

use crate::advice::advice_group::{AdviceGroup, AdviceGroupEvent};
use crate::advice::advice_request::{AdviceRequest, AdviceRequestEvent};
use crate::advice::expert::{Expert, ExpertEvent};
use crate::businesses::business::{Business, BusinessEvent};
use crate::businesses::job_posting::{JobPosting, JobPostingEvent};
use crate::events::programme_event::{ProgrammeEvent, ProgrammeEventEvent};
use crate::financing::{FinancingApplication, FinancingEvent};
use crate::learning::course::{Course, CourseEvent};
use crate::learning::enrolment::{Enrolment, EnrolmentEvent};
use crate::marketplace::listing::{Listing, ListingEvent};
use crate::marketplace::order::{Order, OrderEvent};
use crate::mentoring::mentor::{Mentor, MentorEvent};
use crate::mentoring::mentorship::{Mentorship, MentorshipEvent};
use crate::outreach::campaign::{OutreachCampaign, OutreachEvent};
use crate::outreach::cooperation_network::{CooperationNetwork, CooperationNetworkEvent};
use crate::outreach::news_post::{NewsPost, NewsPostEvent};
use crate::outreach::newsletter::{Newsletter, NewsletterEvent};
use crate::participant::{Participant, ParticipantEvent};
use crate::Aggregate;

/// One event type: the aggregate whose stream holds it, its stored name, its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDoc {
    pub aggregate: &'static str,
    pub name: String,
    pub fields: Vec<FieldDoc>,
}

/// One top-level payload field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDoc {
    pub name: String,
    /// A short readable type (`string`, `list of Language`, `ProgrammeCountry`).
    pub kind: String,
    pub required: bool,
}

/// Every event type, aggregate by aggregate in the catalogue's order.
pub fn events() -> Vec<EventDoc> {
    aggregates()
        .into_iter()
        .flat_map(|(aggregate, schema)| {
            variants(&schema).into_iter().map(move |variant| {
                let (name, fields) = describe_variant(&variant);
                EventDoc {
                    aggregate,
                    name,
                    fields: fields
                        .into_iter()
                        .map(|(name, kind, required)| FieldDoc {
                            name,
                            kind,
                            required,
                        })
                        .collect(),
                }
            })
        })
        .collect()
}

/// `(aggregate type, JSON schema of its events)`, in the order they appear in the catalogue.
fn aggregates() -> Vec<(&'static str, Value)> {
    fn entry<A: Aggregate, E: PartialSchema>() -> (&'static str, Value) {
        (
            A::TYPE,
            serde_json::to_value(E::schema()).unwrap_or(Value::Null),
        )
    }
    vec![
        entry::<Participant, ParticipantEvent>(),
        entry::<Course, CourseEvent>(),
        entry::<Enrolment, EnrolmentEvent>(),
        entry::<Listing, ListingEvent>(),
        entry::<Order, OrderEvent>(),
        entry::<Mentor, MentorEvent>(),
        entry::<Mentorship, MentorshipEvent>(),
        entry::<Expert, ExpertEvent>(),
        entry::<AdviceGroup, AdviceGroupEvent>(),
        entry::<AdviceRequest, AdviceRequestEvent>(),
        entry::<FinancingApplication, FinancingEvent>(),
        entry::<Business, BusinessEvent>(),
        entry::<JobPosting, JobPostingEvent>(),
        entry::<ProgrammeEvent, ProgrammeEventEvent>(),
        entry::<OutreachCampaign, OutreachEvent>(),
        entry::<Newsletter, NewsletterEvent>(),
        entry::<NewsPost, NewsPostEvent>(),
        entry::<CooperationNetwork, CooperationNetworkEvent>(),
    ]
}

fn variants(schema: &Value) -> Vec<Value> {
    match schema.get("oneOf") {
        Some(Value::Array(items)) => items.clone(),
        _ => vec![schema.clone()],
    }
}

/// Merges `allOf` parts into one object's properties and required list.
fn flatten(schema: &Value) -> (serde_json::Map<String, Value>, Vec<String>) {
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    let parts = match schema.get("allOf") {
        Some(Value::Array(parts)) => parts.clone(),
        _ => vec![schema.clone()],
    };
    for part in parts {
        if let Some(Value::Object(p)) = part.get("properties") {
            properties.extend(p.clone());
        }
        if let Some(Value::Array(r)) = part.get("required") {
            required.extend(r.iter().filter_map(|v| v.as_str().map(str::to_owned)));
        }
    }
    (properties, required)
}

fn describe_variant(schema: &Value) -> (String, Vec<(String, String, bool)>) {
    let (properties, required) = flatten(schema);
    let name = properties
        .get("type")
        .and_then(|t| t.get("enum"))
        .and_then(|e| e.get(0))
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned();
    let fields = properties
        .iter()
        .filter(|(field, _)| field.as_str() != "type")
        .map(|(field, schema)| (field.clone(), kind(schema), required.contains(field)))
        .collect();
    (name, fields)
}

/// A short, readable type for one property.
fn kind(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(Value::Array(items)) = schema.get(key) {
            let kinds: Vec<String> = items.iter().map(kind).filter(|k| k != "null").collect();
            return kinds.join(" or ");
        }
    }
    let base = match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".to_owned(),
    };
    match base.as_str() {
        "array" => format!(
            "list of {}",
            schema.get("items").map_or("any".to_owned(), kind)
        ),
        "object" => match schema.get("additionalProperties") {
            Some(values) if values.is_object() => format!("map of {}", kind(values)),
            _ => "object".to_owned(),
        },
        _ => match schema.get("enum").and_then(Value::as_array) {
            Some(values) => values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", "),
            None => match schema.get("format").and_then(Value::as_str) {
                Some(format) => format!("{base} ({format})"),
                None => base,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn it_lists_every_stored_event_type_once() {
        let names: Vec<String> = super::events().into_iter().map(|e| e.name).collect();
        assert_eq!(names, crate::event_types::ALL);
    }
}
