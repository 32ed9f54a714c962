//! What every indicator is: a described measure fed one event at a time.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::view::EventView;

/// An indicator's name in the programme's three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub es: String,
    pub pt: String,
    pub en: String,
}

impl Names {
    pub fn new(es: &str, pt: &str, en: &str) -> Self {
        Self {
            es: es.to_owned(),
            pt: pt.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The name in `lang` (`es`, `pt`, anything else English).
    pub fn get(&self, lang: &str) -> &str {
        match lang {
            "es" => &self.es,
            "pt" => &self.pt,
            _ => &self.en,
        }
    }
}

/// What an indicator is, independent of any history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorSpec {
    pub code: String,
    pub names: Names,
    /// `people`, `enterprises`, `events`, `percent`, `FTE`, …
    pub unit: String,
    pub definition: String,
    /// The event types it counts; the engine shows it only these.
    pub events: Vec<String>,
}

/// What an indicator measured: the figure and its breakdowns `{dimension: {value: n}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub achieved: Decimal,
    pub breakdowns: BTreeMap<String, BTreeMap<String, Decimal>>,
}

/// An indicator's spec with its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorResult {
    pub spec: IndicatorSpec,
    pub outcome: Outcome,
}

/// An indicator the replay engine feeds.
pub trait Indicator: Send + std::fmt::Debug {
    fn spec(&self) -> &IndicatorSpec;
    /// Called for every event (within the cut-offs) whose type is in `spec().events`, in log
    /// order.
    fn observe(&mut self, event: &EventView<'_>);
    fn outcome(&self) -> Outcome;
}
