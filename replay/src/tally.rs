//! Accumulators: a total and, for each breakdown dimension and value, the same measure.

use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// A sum, or a set of distinct keys.
#[derive(Debug, Clone)]
enum Acc {
    Sum(Decimal),
    Distinct(BTreeSet<String>),
}

impl Acc {
    fn value(&self) -> Decimal {
        match self {
            Self::Sum(sum) => *sum,
            Self::Distinct(keys) => Decimal::from(keys.len()),
        }
    }
}

/// A total with its breakdowns: `{dimension: {value: measure}}`.
///
/// For distinct counts each breakdown value counts its own distinct keys, so a participant who
/// moved counts once in the total and once under each municipality they were counted in.
#[derive(Debug, Clone)]
pub struct Tally {
    distinct: bool,
    total: Acc,
    by: BTreeMap<String, BTreeMap<String, Acc>>,
}

impl Tally {
    /// A tally of counts or sums.
    pub fn sum() -> Self {
        Self {
            distinct: false,
            total: Acc::Sum(Decimal::ZERO),
            by: BTreeMap::new(),
        }
    }

    /// A tally of distinct keys.
    pub fn distinct() -> Self {
        Self {
            distinct: true,
            total: Acc::Distinct(BTreeSet::new()),
            by: BTreeMap::new(),
        }
    }

    fn empty(&self) -> Acc {
        if self.distinct {
            Acc::Distinct(BTreeSet::new())
        } else {
            Acc::Sum(Decimal::ZERO)
        }
    }

    fn slot(&mut self, dimension: &str, value: &str) -> &mut Acc {
        let empty = self.empty();
        self.by
            .entry(dimension.to_owned())
            .or_default()
            .entry(value.to_owned())
            .or_insert(empty)
    }

    /// Adds `amount` to the total and under each `(dimension, value)`.
    pub fn add(&mut self, amount: Decimal, dims: &[(&str, String)]) {
        if let Acc::Sum(total) = &mut self.total {
            *total += amount;
        }
        for (dimension, value) in dims {
            if let Acc::Sum(sum) = self.slot(dimension, value) {
                *sum += amount;
            }
        }
    }

    /// Adds distinct `keys` to the total and under each `(dimension, value)`.
    pub fn add_keys(&mut self, keys: &[String], dims: &[(&str, String)]) {
        if keys.is_empty() {
            return;
        }
        if let Acc::Distinct(total) = &mut self.total {
            total.extend(keys.iter().cloned());
        }
        for (dimension, value) in dims {
            if let Acc::Distinct(set) = self.slot(dimension, value) {
                set.extend(keys.iter().cloned());
            }
        }
    }

    /// Whether `key` was counted in the total already.
    pub fn has_key(&self, key: &str) -> bool {
        matches!(&self.total, Acc::Distinct(keys) if keys.contains(key))
    }

    pub fn total(&self) -> Decimal {
        self.total.value()
    }

    pub fn breakdowns(&self) -> BTreeMap<String, BTreeMap<String, Decimal>> {
        self.by
            .iter()
            .map(|(dimension, values)| {
                let values = values
                    .iter()
                    .map(|(value, acc)| (value.clone(), acc.value()))
                    .collect();
                (dimension.clone(), values)
            })
            .collect()
    }
}
