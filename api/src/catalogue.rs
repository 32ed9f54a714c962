//! The event catalogue (`docs/events.md`), generated from the event types themselves.
//!
//! A test regenerates it and fails when the committed file differs, so the document cannot
//! drift from the code (`RUTA_BLESS=1 cargo test -p ruta-tests catalogue` rewrites it).

use serde_json::Value;
use utoipa::PartialSchema;

use ruta_domain::advice::advice_group::{AdviceGroup, AdviceGroupEvent};
use ruta_domain::advice::advice_request::{AdviceRequest, AdviceRequestEvent};
use ruta_domain::advice::expert::{Expert, ExpertEvent};
use ruta_domain::businesses::business::{Business, BusinessEvent};
use ruta_domain::businesses::job_posting::{JobPosting, JobPostingEvent};
use ruta_domain::events::programme_event::{ProgrammeEvent, ProgrammeEventEvent};
use ruta_domain::financing::{FinancingApplication, FinancingEvent};
use ruta_domain::learning::course::{Course, CourseEvent};
use ruta_domain::learning::enrolment::{Enrolment, EnrolmentEvent};
use ruta_domain::marketplace::listing::{Listing, ListingEvent};
use ruta_domain::marketplace::order::{Order, OrderEvent};
use ruta_domain::mentoring::mentor::{Mentor, MentorEvent};
use ruta_domain::mentoring::mentorship::{Mentorship, MentorshipEvent};
use ruta_domain::outreach::campaign::{OutreachCampaign, OutreachEvent};
use ruta_domain::outreach::cooperation_network::{CooperationNetwork, CooperationNetworkEvent};
use ruta_domain::outreach::news_post::{NewsPost, NewsPostEvent};
use ruta_domain::outreach::newsletter::{Newsletter, NewsletterEvent};
use ruta_domain::participant::{Participant, ParticipantEvent};
use ruta_domain::Aggregate;

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

/// The catalogue as Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Event catalogue\n\n\
         Generated from the event types by `ruta_api::catalogue`; a test keeps it in sync \
         (`RUTA_BLESS=1 cargo test -p ruta-tests catalogue` rewrites it). Every event is stored \
         as JSON with its `type`; every event also carries the envelope described in the \
         README (actor, role, occurred_at, recorded_at, command ids, channel, subjects). \
         Money is a decimal string (`\"12.50\"`), dates are `YYYY-MM-DD`.\n",
    );
    for (aggregate, schema) in aggregates() {
        out.push_str(&format!("\n## {aggregate}\n"));
        for variant in variants(&schema) {
            let (name, fields) = describe_variant(&variant);
            out.push_str(&format!("\n### `{name}`\n\n"));
            if fields.is_empty() {
                out.push_str("No fields.\n");
                continue;
            }
            out.push_str("| field | type | required |\n| --- | --- | --- |\n");
            for (field, kind, required) in fields {
                let required = if required { "yes" } else { "no" };
                out.push_str(&format!("| `{field}` | {kind} | {required} |\n"));
            }
        }
    }
    out.push_str(
        "\n## Command types\n\nAccepted by `ruta import` and `POST /api/v1/commands:batch`:\n\n",
    );
    for kind in ruta_commands::app::command_types() {
        out.push_str(&format!("- `{kind}`\n"));
    }
    out
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
