//! The final monitoring report: each indicator with baseline, target, achieved value,
//! effectiveness and breakdowns, ending with the fingerprint of the history it was computed
//! from. Rendered as JSON, Markdown, CSV or self-contained HTML with charts.

mod charts;
mod csv;
mod html;
mod i18n;
mod markdown;
mod targets;

pub use targets::{parse_targets, Target, Targets, SAMPLE_TARGETS};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

use crate::engine::{replay, ReplayOptions, ReplayOutcome};
use crate::fingerprint::Fingerprint;
use crate::number::{json_number, ratio};
use crate::view::Period;
use crate::ReplayError;

/// Languages a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Es,
    Pt,
    #[default]
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Es => "es",
            Self::Pt => "pt",
            Self::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "es" => Ok(Self::Es),
            "pt" => Ok(Self::Pt),
            "en" => Ok(Self::En),
            other => Err(format!(
                "unknown language {other:?} (expected es, pt or en)"
            )),
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Json,
    Md,
    Csv,
    Html,
}

impl Format {
    /// The HTTP content type of the format.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Md => "text/markdown; charset=utf-8",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Html => "text/html; charset=utf-8",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "json" => Ok(Self::Json),
            "md" | "markdown" => Ok(Self::Md),
            "csv" => Ok(Self::Csv),
            "html" => Ok(Self::Html),
            other => Err(format!(
                "unknown format {other:?} (expected json, md, csv or html)"
            )),
        }
    }
}

/// One row of the report. Numbers are JSON numbers (integers when whole); `null` when absent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    pub code: String,
    /// The name in the report's language.
    pub name: String,
    pub unit: String,
    pub definition: String,
    pub baseline: Value,
    pub target: Value,
    pub achieved: Value,
    /// achieved ÷ target, four decimals; `null` without a target.
    pub effectiveness: Value,
    /// `{dimension: {value: number}}`.
    pub breakdowns: BTreeMap<String, BTreeMap<String, Value>>,
    /// Targets set for breakdown values, same shape.
    pub breakdown_targets: BTreeMap<String, BTreeMap<String, Value>>,
}

/// The report: cut-offs, language, rows and the fingerprint of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub as_of: Option<String>,
    pub known_at: Option<String>,
    pub lang: Lang,
    pub indicators: Vec<ReportRow>,
    pub fingerprint: Fingerprint,
}

/// How to compute a report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub as_of: Option<NaiveDate>,
    pub known_at: Option<DateTime<Utc>>,
    pub lang: Lang,
    pub period: Period,
    pub targets: Targets,
    pub progress: bool,
}

fn numbers(
    map: &BTreeMap<String, BTreeMap<String, rust_decimal::Decimal>>,
) -> BTreeMap<String, BTreeMap<String, Value>> {
    map.iter()
        .map(|(d, values)| {
            let values = values
                .iter()
                .map(|(k, n)| (k.clone(), json_number(*n)))
                .collect();
            (d.clone(), values)
        })
        .collect()
}

/// Puts replay results and targets together.
pub fn build(outcome: &ReplayOutcome, options: &ReportOptions) -> Report {
    let lang = options.lang.as_str();
    let indicators = outcome
        .results
        .iter()
        .map(|result| {
            let target = options
                .targets
                .get(&result.spec.code)
                .cloned()
                .unwrap_or_default();
            let achieved = result.outcome.achieved;
            let effectiveness = target.target.and_then(|t| ratio(achieved, t, 4));
            ReportRow {
                code: result.spec.code.clone(),
                name: result.spec.names.get(lang).to_owned(),
                unit: result.spec.unit.clone(),
                definition: result.spec.definition.clone(),
                baseline: target.baseline.map_or(Value::Null, json_number),
                target: target.target.map_or(Value::Null, json_number),
                achieved: json_number(achieved),
                effectiveness: effectiveness.map_or(Value::Null, json_number),
                breakdowns: numbers(&result.outcome.breakdowns),
                breakdown_targets: numbers(&target.breakdowns),
            }
        })
        .collect();
    Report {
        as_of: options.as_of.map(|d| d.to_string()),
        known_at: options
            .known_at
            .map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        lang: options.lang,
        indicators,
        fingerprint: outcome.fingerprint.clone(),
    }
}

/// Replays the log into every built-in indicator and builds the final report.
///
/// # Errors
/// [`ReplayError`] when the log cannot be read.
pub async fn final_report(
    db: &ruta_store::Database,
    options: &ReportOptions,
) -> Result<Report, ReplayError> {
    let replay_options = ReplayOptions {
        as_of: options.as_of,
        known_at: options.known_at,
        progress: options.progress,
        ..ReplayOptions::default()
    };
    let outcome = replay(db, crate::builtin::all(options.period), &replay_options).await?;
    Ok(build(&outcome, options))
}

/// The report in `format`. Same report, same bytes.
///
/// # Errors
/// [`ReplayError::Render`] when a chart cannot be drawn (HTML only).
pub fn render(report: &Report, format: Format) -> Result<String, ReplayError> {
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(report)
            .map_err(|e| ReplayError::Render(e.to_string()))?
            + "\n"),
        Format::Md => Ok(markdown::render(report)),
        Format::Csv => Ok(csv::render(report)),
        Format::Html => html::render(report),
    }
}

/// The indicators that have breakdowns, each with its dimensions as `(dimension, values)`:
/// every text made inert by the renderer's `escape`, the values `value n` joined by `separator`.
pub(crate) fn breakdown_lines<'r>(
    report: &'r Report,
    escape: fn(&str) -> String,
    separator: &str,
) -> Vec<(&'r ReportRow, Vec<(String, String)>)> {
    report
        .indicators
        .iter()
        .filter(|r| !r.breakdowns.is_empty())
        .map(|r| {
            let dimensions = r
                .breakdowns
                .iter()
                .map(|(dimension, values)| {
                    let values: Vec<String> = values
                        .iter()
                        .map(|(value, n)| format!("{} {}", escape(value), cell(n)))
                        .collect();
                    (escape(dimension), values.join(separator))
                })
                .collect();
            (r, dimensions)
        })
        .collect()
}

/// A number cell: the JSON number's text, empty for `null`.
pub(crate) fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Effectiveness as a percentage with one decimal, empty for `null`.
pub(crate) fn percent_cell(value: &Value) -> String {
    value
        .as_f64()
        .map(|e| format!("{:.1} %", e * 100.0))
        .unwrap_or_default()
}
