//! Built-in indicators that are not a single rule.

use rust_decimal::Decimal;
use std::collections::BTreeMap;

use crate::indicator::{Indicator, IndicatorSpec, Outcome};
use crate::number::ratio;
use crate::tally::Tally;
use crate::view::{EventView, Period};

/// Jobs recorded by businesses: direct + indirect increments, with a `job_type` breakdown.
#[derive(Debug)]
pub(crate) struct Jobs {
    spec: IndicatorSpec,
    period: Period,
    tally: Tally,
}

impl Jobs {
    pub(crate) fn new(spec: IndicatorSpec, period: Period) -> Self {
        Self {
            spec,
            period,
            tally: Tally::sum(),
        }
    }
}

impl Indicator for Jobs {
    fn spec(&self) -> &IndicatorSpec {
        &self.spec
    }

    fn observe(&mut self, v: &EventView<'_>) {
        let business = v.business;
        let mut dims: Vec<(&str, String)> = [
            ("country", business.and_then(|b| b.country.clone())),
            (
                "municipality",
                business.and_then(|b| b.municipality.clone()),
            ),
            ("period", v.period(self.period)),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name, value)))
        .collect();
        for job_type in ["direct", "indirect"] {
            let amount = Decimal::from(v.payload_i64(job_type).unwrap_or(0));
            dims.push(("job_type", job_type.to_owned()));
            self.tally.add(amount, &dims);
            dims.pop();
        }
    }

    fn outcome(&self) -> Outcome {
        Outcome {
            achieved: self.tally.total(),
            breakdowns: self.tally.breakdowns(),
        }
    }
}

/// The share (percent, one decimal) of counted events whose participant's region of origin is
/// `region`; its breakdown gives every region's share.
pub(crate) struct Share {
    spec: IndicatorSpec,
    counts: fn(&EventView<'_>) -> bool,
    region: &'static str,
    total: u64,
    by_region: BTreeMap<String, u64>,
}

impl std::fmt::Debug for Share {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Share")
            .field("code", &self.spec.code)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

impl Share {
    pub(crate) fn new(
        spec: IndicatorSpec,
        counts: fn(&EventView<'_>) -> bool,
        region: &'static str,
    ) -> Self {
        Self {
            spec,
            counts,
            region,
            total: 0,
            by_region: BTreeMap::new(),
        }
    }
}

fn percent(part: u64, whole: u64) -> Decimal {
    ratio(
        Decimal::from(part) * Decimal::ONE_HUNDRED,
        Decimal::from(whole),
        1,
    )
    .unwrap_or(Decimal::ZERO)
}

impl Indicator for Share {
    fn spec(&self) -> &IndicatorSpec {
        &self.spec
    }

    fn observe(&mut self, v: &EventView<'_>) {
        if !(self.counts)(v) {
            return;
        }
        self.total += 1;
        let region = v
            .participant
            .and_then(|p| p.region_of_origin)
            .unwrap_or("unknown");
        *self.by_region.entry(region.to_owned()).or_default() += 1;
    }

    fn outcome(&self) -> Outcome {
        let part = self.by_region.get(self.region).copied().unwrap_or(0);
        let shares = self
            .by_region
            .iter()
            .map(|(region, n)| (region.clone(), percent(*n, self.total)))
            .collect();
        Outcome {
            achieved: percent(part, self.total),
            breakdowns: [("region_of_origin".to_owned(), shares)].into(),
        }
    }
}
