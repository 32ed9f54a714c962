//! The report as one self-contained HTML page: inline CSS and inline SVG charts, nothing
//! fetched when it is opened; prints cleanly (`@media print`).

use std::fmt::Write as _;

use super::charts;
use super::i18n::words;
use super::{breakdown_lines, cell, percent_cell, Report, ReportRow};
use crate::ReplayError;

const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.chart svg { max-width: 100%; height: auto; }
code { word-break: break-all; }
dl.bd dt { font-weight: 600; margin-top: .6rem; } dl.bd dd { margin-left: 1rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  .chart, tr, dl.bd dd { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn row<'r>(report: &'r Report, code: &str) -> Option<&'r ReportRow> {
    report.indicators.iter().find(|r| r.code == code)
}

/// A breakdown chart of `code` by `dimension`, when the report has it.
fn breakdown_chart(
    report: &Report,
    code: &str,
    dimension: &str,
    title: &str,
) -> Result<Option<String>, ReplayError> {
    let Some(row) = row(report, code) else {
        return Ok(None);
    };
    let Some(values) = row.breakdowns.get(dimension) else {
        return Ok(None);
    };
    let bars: Vec<(String, f64)> = values
        .iter()
        .map(|(k, v)| (k.clone(), v.as_f64().unwrap_or(0.0)))
        .collect();
    let targets: Vec<Option<f64>> = values
        .keys()
        .map(|k| {
            row.breakdown_targets
                .get(dimension)
                .and_then(|t| t.get(k))
                .and_then(serde_json::Value::as_f64)
        })
        .collect();
    charts::breakdown(&format!("{code} — {title}"), &bars, &targets).map(Some)
}

fn charts_section(report: &Report) -> Result<String, ReplayError> {
    let w = words(report.lang);
    let effectiveness: Vec<(String, f64)> = report
        .indicators
        .iter()
        .filter_map(|r| {
            r.effectiveness
                .as_f64()
                .map(|e| (r.code.clone(), e * 100.0))
        })
        .collect();
    let mut out = String::from("<div class=\"charts\">\n");
    if !effectiveness.is_empty() {
        let svg = charts::effectiveness(w.target_vs_achieved, &effectiveness)?;
        let _ = writeln!(out, "<div class=\"chart\">{svg}</div>");
    }
    let wanted = [
        ("USERS", "country", w.by_country),
        ("USERS", "region_of_origin", w.by_origin),
        ("USERS", "channel", w.by_channel),
        ("CERT", "region_of_origin", w.by_origin),
        ("SME", "country", w.by_country),
        ("JOBS", "job_type", "direct / indirect"),
        ("EVT_MIGR", "region_of_origin", w.by_origin),
        ("REACH", "outreach_channel", w.by_channel),
    ];
    for (code, dimension, title) in wanted {
        if let Some(svg) = breakdown_chart(report, code, dimension, title)? {
            let _ = writeln!(out, "<div class=\"chart\">{svg}</div>");
        }
    }
    out.push_str("</div>\n");
    Ok(out)
}

pub(crate) fn render(report: &Report) -> Result<String, ReplayError> {
    let w = words(report.lang);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        report.lang.as_str(),
        escape(w.title),
        escape(w.title)
    );
    let _ = writeln!(
        out,
        "<p>{}: <strong>{}</strong> · {}: <strong>{}</strong></p>",
        w.as_of,
        escape(report.as_of.as_deref().unwrap_or(w.whole_log)),
        w.known_at,
        escape(report.known_at.as_deref().unwrap_or(w.whole_log))
    );
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>",
        w.code, w.indicator, w.unit, w.baseline, w.target, w.achieved, w.effectiveness
    );
    for r in &report.indicators {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td title=\"{}\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&r.code), escape(&r.definition), escape(&r.name), escape(&r.unit),
            cell(&r.baseline), cell(&r.target), cell(&r.achieved), percent_cell(&r.effectiveness)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str(&charts_section(report)?);
    let _ = writeln!(out, "<h2>{}</h2>\n<dl class=\"bd\">", w.breakdowns);
    for (r, dimensions) in breakdown_lines(report, escape, " · ") {
        let _ = writeln!(out, "<dt>{} — {}</dt>", escape(&r.code), escape(&r.name));
        for (dimension, values) in dimensions {
            let _ = writeln!(out, "<dd><em>{dimension}</em>: {values}</dd>");
        }
    }
    out.push_str("</dl>\n");
    let _ = writeln!(out, "<h2>{}</h2>\n<dl class=\"bd\">", w.definition);
    for r in &report.indicators {
        let _ = writeln!(
            out,
            "<dt>{} ({})</dt><dd>{}</dd>",
            escape(&r.code),
            escape(&r.unit),
            escape(&r.definition)
        );
    }
    out.push_str("</dl>\n");
    let f = &report.fingerprint;
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}: {} · {}: {} · {}: <code>{}</code> · {}: <code>{}</code></p>\n\
         </body>\n</html>",
        w.fingerprint,
        w.events_counted,
        f.events_counted,
        w.last_position,
        f.last_position,
        w.hash,
        f.hash,
        w.chain_head,
        f.chain_head
    );
    Ok(out)
}
