//! Indicators declared by analysts in TOML, replayed without recompiling.
//!
//! ```toml
//! [[indicator]]
//! code = "CERT_MIGR_TOPIC"
//! name = { es = "Certificados de migrantes por tema", pt = "…", en = "Migrants certified by topic" }
//! unit = "people"
//! definition = "Distinct migrant participants with a certificate, by course topic."  # optional
//! events = ["CertificateIssued"]
//! measure = { count_distinct = "participant.id" }   # "count" | { sum = "payload.people_reached" }
//! where = [ { field = "participant.migrant_status", equals = "migrant" } ]
//! breakdowns = ["course.topic", "participant.country"]
//! period = "year"                                   # "quarter" | "none" (default)
//! ```
//!
//! Predicates: `equals`, `not_equals`, `in = [..]` or `exists = true|false`; all must hold.
//! A definition that cannot be used is refused with the line and the problem.

mod field;

pub use field::{
    FieldPath, BUSINESS_FIELDS, COURSE_FIELDS, EVENT_FIELDS, METADATA_FIELDS, PARTICIPANT_FIELDS,
};

use serde::Deserialize;
use std::collections::BTreeSet;
use toml::Spanned;

use crate::catalogue::is_event_type;
use crate::error::DefinitionError;
use crate::indicator::{Indicator, IndicatorSpec, Names};
use crate::rule::{Rule, RuleMeasure};
use crate::view::Period;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    indicator: Vec<Spanned<Definition>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Definition {
    code: Spanned<String>,
    name: Names,
    unit: Spanned<String>,
    #[serde(default)]
    definition: Option<String>,
    events: Spanned<Vec<Spanned<String>>>,
    measure: Spanned<toml::Value>,
    #[serde(default, rename = "where")]
    predicates: Vec<Spanned<Predicate>>,
    #[serde(default)]
    breakdowns: Vec<Spanned<String>>,
    #[serde(default)]
    period: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Predicate {
    field: String,
    equals: Option<toml::Value>,
    not_equals: Option<toml::Value>,
    #[serde(rename = "in")]
    one_of: Option<Vec<toml::Value>>,
    exists: Option<bool>,
}

fn toml_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Parses an indicators file into indicators the engine can replay.
///
/// # Errors
/// [`DefinitionError`] naming the line and the problem: TOML syntax, a missing or unknown
/// key, an unknown event type or field, a bad measure or period, a duplicate code.
pub fn parse_indicators(text: &str) -> Result<Vec<Box<dyn Indicator>>, DefinitionError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        DefinitionError::at(text, offset, e.message().trim().to_owned())
    })?;
    let mut codes = BTreeSet::new();
    let mut indicators: Vec<Box<dyn Indicator>> = Vec::new();
    for definition in file.indicator {
        let at = |span: std::ops::Range<usize>, message: String| {
            DefinitionError::at(text, span.start, message)
        };
        let d = definition.into_inner();
        let code = d.code.get_ref().trim().to_owned();
        if code.is_empty() {
            return Err(at(d.code.span(), "code must not be empty".into()));
        }
        if !codes.insert(code.clone()) {
            return Err(at(
                d.code.span(),
                format!("duplicate indicator code {code:?}"),
            ));
        }
        if d.unit.get_ref().trim().is_empty() {
            return Err(at(d.unit.span(), "unit must not be empty".into()));
        }
        if d.events.get_ref().is_empty() {
            return Err(at(
                d.events.span(),
                "events must name at least one event type".into(),
            ));
        }
        for event in d.events.get_ref() {
            if !is_event_type(event.get_ref()) {
                return Err(at(
                    event.span(),
                    format!(
                        "unknown event type {:?} (see docs/events.md)",
                        event.get_ref()
                    ),
                ));
            }
        }
        let events: Vec<String> = d
            .events
            .get_ref()
            .iter()
            .map(|e| e.get_ref().clone())
            .collect();
        let measure =
            parse_measure(d.measure.get_ref(), &events).map_err(|m| at(d.measure.span(), m))?;
        let period = match &d.period {
            Some(p) => p.get_ref().parse::<Period>().map_err(|m| at(p.span(), m))?,
            None => Period::Whole,
        };
        let spec = IndicatorSpec {
            definition: d
                .definition
                .unwrap_or_else(|| format!("Declared by an analyst over {}.", events.join(", "))),
            code,
            names: d.name,
            unit: d.unit.into_inner(),
            events: events.clone(),
        };
        let mut rule = Rule::new(spec, measure).with_period(period);
        for predicate in &d.predicates {
            let span = predicate.span();
            let p = predicate.get_ref();
            let path = FieldPath::parse(&p.field, &events).map_err(|m| at(span.clone(), m))?;
            rule = add_predicate(rule, path, p).map_err(|m| at(span, m))?;
        }
        for breakdown in &d.breakdowns {
            let path = FieldPath::parse(breakdown.get_ref(), &events)
                .map_err(|m| at(breakdown.span(), m))?;
            rule = rule.by(breakdown.get_ref(), move |v| {
                path.keys(v).into_iter().next()
            });
        }
        indicators.push(Box::new(rule));
    }
    Ok(indicators)
}

fn parse_measure(value: &toml::Value, events: &[String]) -> Result<RuleMeasure, String> {
    const EXPECTED: &str =
        "expected \"count\", { count_distinct = \"<field>\" } or { sum = \"<field>\" }";
    match value {
        toml::Value::String(s) if s == "count" => Ok(RuleMeasure::Count),
        toml::Value::Table(table) if table.len() == 1 => {
            let (kind, field) = table.iter().next().ok_or(EXPECTED)?;
            let field = field
                .as_str()
                .ok_or_else(|| format!("bad measure: {kind} takes a field name; {EXPECTED}"))?;
            let path = FieldPath::parse(field, events)?;
            match kind.as_str() {
                "count_distinct" => Ok(RuleMeasure::Distinct(Box::new(move |v| path.keys(v)))),
                "sum" => Ok(RuleMeasure::Sum(Box::new(move |v| path.amount(v)))),
                other => Err(format!("bad measure {other:?}; {EXPECTED}")),
            }
        }
        _ => Err(format!("bad measure; {EXPECTED}")),
    }
}

fn add_predicate(rule: Rule, path: FieldPath, p: &Predicate) -> Result<Rule, String> {
    let given = [
        p.equals.is_some(),
        p.not_equals.is_some(),
        p.one_of.is_some(),
        p.exists.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(format!(
            "predicate on {:?} needs exactly one of equals, not_equals, in, exists",
            p.field
        ));
    }
    Ok(if let Some(value) = &p.equals {
        let wanted = toml_text(value);
        rule.filter(move |v| path.keys(v).contains(&wanted))
    } else if let Some(value) = &p.not_equals {
        let unwanted = toml_text(value);
        rule.filter(move |v| !path.keys(v).contains(&unwanted))
    } else if let Some(values) = &p.one_of {
        let wanted: Vec<String> = values.iter().map(toml_text).collect();
        rule.filter(move |v| path.keys(v).iter().any(|k| wanted.contains(k)))
    } else {
        let exists = p.exists == Some(true);
        rule.filter(move |v| path.value(v).is_some() == exists)
    })
}
