//! The report as CSV: one row per indicator, then one row per breakdown value, then the
//! fingerprint (`FINGERPRINT`, the hash as name, events counted as achieved, last position as
//! value of the dimension `last_position`), then `CHAIN_HEAD` with the chain head as name.

use serde_json::Value;

use super::{cell, Report};

const HEADER: &str = "code,name,unit,dimension,value,baseline,target,achieved,effectiveness\n";

/// A cell a spreadsheet would read as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a
/// leading tab or carriage return) gets a `'` in front, as OWASP recommends. A plain number
/// such as `-3.5` is a value, not a formula, and is left alone.
fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let formula_like = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula_like && text.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn quote(text: &str) -> String {
    let text = neutralise(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

fn line(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| quote(f)).collect();
    quoted.join(",") + "\n"
}

pub(crate) fn render(report: &Report) -> String {
    let mut out = String::from(HEADER);
    for row in &report.indicators {
        out.push_str(&line(&[
            &row.code,
            &row.name,
            &row.unit,
            "",
            "",
            &cell(&row.baseline),
            &cell(&row.target),
            &cell(&row.achieved),
            &cell(&row.effectiveness),
        ]));
        for (dimension, values) in &row.breakdowns {
            for (value, n) in values {
                let target = row
                    .breakdown_targets
                    .get(dimension)
                    .and_then(|t| t.get(value))
                    .cloned()
                    .unwrap_or(Value::Null);
                let effectiveness = match (n.as_f64(), target.as_f64()) {
                    (Some(n), Some(t)) if t != 0.0 => format!("{:.4}", n / t),
                    _ => String::new(),
                };
                out.push_str(&line(&[
                    &row.code,
                    &row.name,
                    &row.unit,
                    dimension,
                    value,
                    "",
                    &cell(&target),
                    &cell(n),
                    &effectiveness,
                ]));
            }
        }
    }
    let f = &report.fingerprint;
    out.push_str(&line(&[
        "FINGERPRINT",
        &f.hash,
        "sha256",
        "last_position",
        &f.last_position.to_string(),
        "",
        "",
        &f.events_counted.to_string(),
        "",
    ]));
    out.push_str(&line(&[
        "CHAIN_HEAD",
        &f.chain_head,
        "sha256",
        "",
        "",
        "",
        "",
        "",
        "",
    ]));
    out
}
