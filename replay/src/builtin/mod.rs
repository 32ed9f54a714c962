//! The built-in indicators: every row of INDICATORS.md and the EU common indicators the same
//! history answers. Definitions are in each indicator's `definition` and in the README.

mod custom;
mod eu;
mod programme;

use rust_decimal::Decimal;

use crate::indicator::{Indicator, IndicatorSpec, Names};
use crate::rule::{Rule, RuleMeasure};
use crate::view::{EventView, Period};

/// Every built-in indicator, programme indicators first; `period` slices their breakdowns.
pub fn all(period: Period) -> Vec<Box<dyn Indicator>> {
    let mut all = programme::indicators(period);
    all.extend(eu::indicators(period));
    all
}

/// The codes of the built-in indicators, in report order.
pub fn codes() -> Vec<String> {
    all(Period::Whole)
        .iter()
        .map(|i| i.spec().code.clone())
        .collect()
}

pub(crate) fn spec(
    code: &str,
    names: [&str; 3],
    unit: &str,
    definition: &str,
    events: &[&str],
) -> IndicatorSpec {
    IndicatorSpec {
        code: code.to_owned(),
        names: Names::new(names[0], names[1], names[2]),
        unit: unit.to_owned(),
        definition: definition.to_owned(),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
    }
}

pub(crate) fn boxed(rule: Rule) -> Box<dyn Indicator> {
    Box::new(rule)
}

pub(crate) fn count(spec: IndicatorSpec) -> Rule {
    Rule::new(spec, RuleMeasure::Count)
}

pub(crate) fn sum_field(spec: IndicatorSpec, field: &'static str) -> Rule {
    Rule::new(
        spec,
        RuleMeasure::Sum(Box::new(move |v: &EventView<'_>| {
            v.payload_i64(field).map(Decimal::from)
        })),
    )
}

/// Distinct participants the events concern.
pub(crate) fn distinct_participants(spec: IndicatorSpec) -> Rule {
    Rule::new(
        spec,
        RuleMeasure::Distinct(Box::new(|v: &EventView<'_>| {
            v.participant_id.map(str::to_owned).into_iter().collect()
        })),
    )
}

/// The participant's attributes as they stood at the event.
pub(crate) fn by_person(rule: Rule) -> Rule {
    rule.by("country", |v| v.participant.and_then(|p| p.country.clone()))
        .by("municipality", |v| {
            v.participant.and_then(|p| p.municipality.clone())
        })
        .by("migrant_status", |v| {
            v.participant.and_then(|p| p.migrant_status.clone())
        })
        .by("region_of_origin", |v| {
            v.participant
                .and_then(|p| p.region_of_origin.map(str::to_owned))
        })
        .by("gender", |v| v.participant.and_then(|p| p.gender.clone()))
        .by("channel", |v| v.participant.and_then(|p| p.channel.clone()))
}

/// The business's country and municipality.
pub(crate) fn by_business(rule: Rule) -> Rule {
    rule.by("country", |v| v.business.and_then(|b| b.country.clone()))
        .by("municipality", |v| {
            v.business.and_then(|b| b.municipality.clone())
        })
}

/// A payload field's text as a breakdown value.
pub(crate) fn payload_text(field: &'static str) -> impl Fn(&EventView<'_>) -> Option<String> {
    move |v| match v.payload(field)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}
