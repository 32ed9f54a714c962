//! Targets and baselines from a TOML file.
//!
//! ```toml
//! [[target]]
//! code = "JOBS"
//! baseline = 0
//! target = 300
//! breakdowns = { job_type = { direct = 150, indirect = 150 } }   # optional
//! ```

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use toml::Spanned;

use crate::error::DefinitionError;

/// The sample targets shipped with the programme (`replay/targets/ruta-cece-2013-2015.toml`).
pub const SAMPLE_TARGETS: &str = include_str!("../../targets/ruta-cece-2013-2015.toml");

/// One indicator's baseline and target, and targets for breakdown values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    pub baseline: Option<Decimal>,
    pub target: Option<Decimal>,
    pub breakdowns: BTreeMap<String, BTreeMap<String, Decimal>>,
}

/// Targets by indicator code.
pub type Targets = BTreeMap<String, Target>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    target: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: Spanned<String>,
    baseline: Option<Spanned<toml::Value>>,
    target: Option<Spanned<toml::Value>>,
    #[serde(default)]
    breakdowns: BTreeMap<String, BTreeMap<String, Spanned<toml::Value>>>,
}

fn number(value: &Spanned<toml::Value>, text: &str) -> Result<Decimal, DefinitionError> {
    let parsed = match value.get_ref() {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => Decimal::from_str(&f.to_string()).ok(),
        _ => None,
    };
    parsed.ok_or_else(|| DefinitionError::at(text, value.span().start, "expected a number"))
}

/// Parses a targets file; every code must be one of `known_codes`.
///
/// # Errors
/// [`DefinitionError`] naming the line: TOML syntax, unknown key or code, a value that is not a
/// number, a code given twice.
pub fn parse_targets(text: &str, known_codes: &[String]) -> Result<Targets, DefinitionError> {
    let file: File = toml::from_str(text).map_err(|e| {
        DefinitionError::at(text, e.span().map_or(0, |s| s.start), e.message().trim())
    })?;
    let mut targets = Targets::new();
    for entry in file.target {
        let code = entry.code.get_ref().clone();
        let at = |message: String| DefinitionError::at(text, entry.code.span().start, message);
        if !known_codes.contains(&code) {
            return Err(at(format!("unknown indicator code {code:?}")));
        }
        let mut breakdowns = BTreeMap::new();
        for (dimension, values) in &entry.breakdowns {
            let mut parsed = BTreeMap::new();
            for (value, n) in values {
                parsed.insert(value.clone(), number(n, text)?);
            }
            breakdowns.insert(dimension.clone(), parsed);
        }
        let target = Target {
            baseline: entry
                .baseline
                .as_ref()
                .map(|b| number(b, text))
                .transpose()?,
            target: entry.target.as_ref().map(|t| number(t, text)).transpose()?,
            breakdowns,
        };
        if targets.insert(code.clone(), target).is_some() {
            return Err(at(format!("targets for {code:?} given twice")));
        }
    }
    Ok(targets)
}
