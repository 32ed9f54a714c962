//! The report as a Markdown document.

use std::fmt::Write as _;

use super::i18n::words;
use super::{cell, percent_cell, Report};

pub(crate) fn render(report: &Report) -> String {
    let w = words(report.lang);
    let mut out = format!("# {}\n\n", w.title);
    let _ = writeln!(
        out,
        "- {}: {}\n- {}: {}\n",
        w.as_of,
        report.as_of.as_deref().unwrap_or(w.whole_log),
        w.known_at,
        report.known_at.as_deref().unwrap_or(w.whole_log)
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | ---: | ---: | ---: | ---: |",
        w.code, w.indicator, w.unit, w.baseline, w.target, w.achieved, w.effectiveness
    );
    for row in &report.indicators {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.code,
            row.name.replace('|', "\\|"),
            row.unit,
            cell(&row.baseline),
            cell(&row.target),
            cell(&row.achieved),
            percent_cell(&row.effectiveness)
        );
    }
    let _ = writeln!(out, "\n## {}\n", w.breakdowns);
    for row in report
        .indicators
        .iter()
        .filter(|r| !r.breakdowns.is_empty())
    {
        let _ = writeln!(out, "### {} — {}\n", row.code, row.name);
        for (dimension, values) in &row.breakdowns {
            let values: Vec<String> = values
                .iter()
                .map(|(value, n)| format!("{value} {}", cell(n)))
                .collect();
            let _ = writeln!(out, "- **{dimension}**: {}", values.join(", "));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", w.definition);
    for row in &report.indicators {
        let _ = writeln!(out, "- **{}** ({}): {}", row.code, row.unit, row.definition);
    }
    let f = &report.fingerprint;
    let _ = writeln!(
        out,
        "\n## {}\n\n- {}: {}\n- {}: {}\n- {}: `{}`",
        w.fingerprint,
        w.events_counted,
        f.events_counted,
        w.last_position,
        f.last_position,
        w.hash,
        f.hash
    );
    out
}
