//! The general indicator: which events, which predicate, what to measure, broken down how.
//! Built-in indicators and analysts' TOML indicators are both rules.

use rust_decimal::Decimal;
use std::fmt;

use crate::indicator::{Indicator, IndicatorSpec, Outcome};
use crate::tally::Tally;
use crate::view::{EventView, Period};

/// Whether an event counts.
pub(crate) type Filter = Box<dyn Fn(&EventView<'_>) -> bool + Send + Sync>;
/// A breakdown value of an event (`None`: not counted under that dimension).
pub(crate) type Extract = Box<dyn Fn(&EventView<'_>) -> Option<String> + Send + Sync>;
/// An amount to add.
pub(crate) type Amount = Box<dyn Fn(&EventView<'_>) -> Option<Decimal> + Send + Sync>;
/// The keys an event contributes to a distinct count.
pub(crate) type Keys = Box<dyn Fn(&EventView<'_>) -> Vec<String> + Send + Sync>;

/// What a rule adds up.
pub enum RuleMeasure {
    /// One per event.
    Count,
    /// An amount per event (may be negative: a retirement takes a mentor back out).
    Sum(Amount),
    /// Distinct keys (participants, businesses, organisations…): each counted once.
    Distinct(Keys),
}

impl fmt::Debug for RuleMeasure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Count => "Count",
            Self::Sum(_) => "Sum",
            Self::Distinct(_) => "Distinct",
        })
    }
}

/// An indicator made of a measure, predicates and breakdowns.
pub struct Rule {
    spec: IndicatorSpec,
    filters: Vec<Filter>,
    measure: RuleMeasure,
    breakdowns: Vec<(String, Extract)>,
    period: Period,
    tally: Tally,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.spec.code)
            .field("filters", &self.filters.len())
            .field(
                "breakdowns",
                &self.breakdowns.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("period", &self.period)
            .finish_non_exhaustive()
    }
}

impl Rule {
    /// A rule with no predicate, no breakdown and no period breakdown.
    pub fn new(spec: IndicatorSpec, measure: RuleMeasure) -> Self {
        let tally = match measure {
            RuleMeasure::Distinct(_) => Tally::distinct(),
            _ => Tally::sum(),
        };
        Self {
            spec,
            filters: Vec::new(),
            measure,
            breakdowns: Vec::new(),
            period: Period::Whole,
            tally,
        }
    }

    /// Only events for which `filter` holds count.
    #[must_use]
    pub fn filter(
        mut self,
        filter: impl Fn(&EventView<'_>) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.filters.push(Box::new(filter));
        self
    }

    /// Adds the breakdown `name`.
    #[must_use]
    pub fn by(
        mut self,
        name: &str,
        value: impl Fn(&EventView<'_>) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.breakdowns.push((name.to_owned(), Box::new(value)));
        self
    }

    /// Adds a `period` breakdown by year or quarter of business time.
    #[must_use]
    pub fn with_period(mut self, period: Period) -> Self {
        self.period = period;
        self
    }
}

impl Indicator for Rule {
    fn spec(&self) -> &IndicatorSpec {
        &self.spec
    }

    fn observe(&mut self, event: &EventView<'_>) {
        if !self.filters.iter().all(|f| f(event)) {
            return;
        }
        let mut dims: Vec<(&str, String)> = self
            .breakdowns
            .iter()
            .filter_map(|(name, value)| value(event).map(|v| (name.as_str(), v)))
            .collect();
        if let Some(period) = event.period(self.period) {
            dims.push(("period", period));
        }
        match &self.measure {
            RuleMeasure::Count => self.tally.add(Decimal::ONE, &dims),
            RuleMeasure::Sum(amount) => {
                if let Some(amount) = amount(event) {
                    self.tally.add(amount, &dims);
                }
            }
            RuleMeasure::Distinct(keys) => self.tally.add_keys(&keys(event), &dims),
        }
    }

    fn outcome(&self) -> Outcome {
        Outcome {
            achieved: self.tally.total(),
            breakdowns: self.tally.breakdowns(),
        }
    }
}
