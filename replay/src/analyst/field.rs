//! Field paths an analyst's indicator may name: `payload.*`, `metadata.*`, `event.*`,
//! `participant.*`, `business.*`, `course.*`.

use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

use crate::catalogue::event_types;
use crate::view::EventView;

/// Attributes of the participant an event concerns, as they stood at the event.
pub const PARTICIPANT_FIELDS: &[&str] = &[
    "id",
    "country",
    "municipality",
    "migrant_status",
    "country_of_origin",
    "region_of_origin",
    "gender",
    "channel",
];
pub const BUSINESS_FIELDS: &[&str] = &["id", "country", "municipality", "sector", "legal_form"];
pub const COURSE_FIELDS: &[&str] = &["id", "topic"];
pub const METADATA_FIELDS: &[&str] = &[
    "actor",
    "actor_role",
    "channel",
    "occurred_at",
    "recorded_at",
    "command_id",
    "correlation_id",
    "causation_id",
];
pub const EVENT_FIELDS: &[&str] = &["type", "aggregate_type", "aggregate_id", "date", "year"];

/// A checked field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    root: String,
    rest: Vec<String>,
}

impl FieldPath {
    /// Parses `path` and checks it against the fields of `events`.
    ///
    /// # Errors
    /// A message naming the unknown part and what is known.
    pub fn parse(path: &str, events: &[String]) -> Result<Self, String> {
        let path = if path == "subject" {
            "participant.id"
        } else {
            path
        };
        let mut parts = path.split('.').map(str::to_owned);
        let root = parts.next().unwrap_or_default();
        let rest: Vec<String> = parts.collect();
        let Some(first) = rest.first() else {
            return Err(format!("field {path:?} needs a prefix and a name, such as payload.kind or participant.country"));
        };
        let known: Vec<&str> = match root.as_str() {
            "payload" => {
                let mut fields: Vec<&str> = events
                    .iter()
                    .filter_map(|e| event_types().get(e.as_str()))
                    .flat_map(|t| t.fields.iter().map(String::as_str))
                    .collect();
                fields.sort_unstable();
                fields.dedup();
                fields
            }
            "participant" => PARTICIPANT_FIELDS.to_vec(),
            "business" => BUSINESS_FIELDS.to_vec(),
            "course" => COURSE_FIELDS.to_vec(),
            "metadata" => METADATA_FIELDS.to_vec(),
            "event" => EVENT_FIELDS.to_vec(),
            other => {
                return Err(format!(
                    "unknown field prefix {other:?} in {path:?} (expected payload, metadata, event, participant, business or course)"
                ))
            }
        };
        if !known.contains(&first.as_str()) || (root != "payload" && rest.len() > 1) {
            return Err(format!(
                "unknown field {path:?}; known {root} fields{}: {}",
                if root == "payload" {
                    " of these events"
                } else {
                    ""
                },
                known.join(", ")
            ));
        }
        Ok(Self { root, rest })
    }

    /// The field's value at `v`, if it has one.
    pub fn value(&self, v: &EventView<'_>) -> Option<Value> {
        let name = self.rest[0].as_str();
        let text = |s: Option<&str>| s.map(|s| Value::String(s.to_owned()));
        match self.root.as_str() {
            "payload" => {
                let mut value = v.event.payload.get(name)?;
                for part in &self.rest[1..] {
                    value = value.get(part)?;
                }
                Some(value.clone()).filter(|v| !v.is_null())
            }
            "participant" => {
                if name == "id" {
                    return text(v.participant_id);
                }
                let p = v.participant?;
                text(match name {
                    "country" => p.country.as_deref(),
                    "municipality" => p.municipality.as_deref(),
                    "migrant_status" => p.migrant_status.as_deref(),
                    "country_of_origin" => p.country_of_origin.as_deref(),
                    "region_of_origin" => p.region_of_origin,
                    "gender" => p.gender.as_deref(),
                    _ => p.channel.as_deref(),
                })
            }
            "business" => {
                if name == "id" {
                    return text(v.business_id);
                }
                let b = v.business?;
                text(match name {
                    "country" => b.country.as_deref(),
                    "municipality" => b.municipality.as_deref(),
                    "sector" => b.sector.as_deref(),
                    _ => b.legal_form.as_deref(),
                })
            }
            "course" => match name {
                "id" => text(v.course_id),
                _ => text(v.course.and_then(|c| c.topic.as_deref())),
            },
            "metadata" => {
                let m = &v.event.metadata;
                text(match name {
                    "actor" => Some(m.actor.as_str()),
                    "actor_role" => Some(m.actor_role.as_str()),
                    "channel" => Some(m.channel.as_str()),
                    "occurred_at" => Some(m.occurred_at.as_str()),
                    "recorded_at" => Some(m.recorded_at.as_str()),
                    "command_id" => Some(m.command_id.as_str()),
                    "correlation_id" => Some(m.correlation_id.as_str()),
                    _ => m.causation_id.as_deref(),
                })
            }
            _ => match name {
                "type" => text(Some(&v.event.event_type)),
                "aggregate_type" => text(Some(&v.event.aggregate_type)),
                "aggregate_id" => text(Some(&v.event.aggregate_id)),
                "date" => Some(Value::String(v.occurred_on.to_string())),
                _ => v.period(crate::view::Period::Year).map(Value::String),
            },
        }
    }

    /// The field's value as keys: a list gives one key per item.
    pub fn keys(&self, v: &EventView<'_>) -> Vec<String> {
        match self.value(v) {
            Some(Value::Array(items)) => items.iter().map(key).collect(),
            Some(value) => vec![key(&value)],
            None => Vec::new(),
        }
    }

    /// The field's value as an amount: a number, or a decimal string such as `"12.50"`.
    pub fn amount(&self, v: &EventView<'_>) -> Option<Decimal> {
        match self.value(v)? {
            Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
            Value::String(s) => Decimal::from_str(s.trim()).ok(),
            _ => None,
        }
    }
}

/// A JSON value as breakdown or comparison text: strings as they are, the rest as JSON.
pub(super) fn key(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
