//! The report as a Markdown document.

use std::fmt::Write as _;

use super::i18n::words;
use super::{breakdown_lines, cell, percent_cell, Report};

/// Text from the log or a definition, made inert: HTML is escaped (a renderer would run
/// `<img onerror>`), and the characters that make Markdown links, emphasis, code or table
/// cells are backslash-escaped. Line breaks become spaces, so text stays in its line.
fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '[' | ']' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

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
            text(&row.code),
            text(&row.name),
            text(&row.unit),
            cell(&row.baseline),
            cell(&row.target),
            cell(&row.achieved),
            percent_cell(&row.effectiveness)
        );
    }
    let _ = writeln!(out, "\n## {}\n", w.breakdowns);
    for (row, dimensions) in breakdown_lines(report, text, ", ") {
        let _ = writeln!(out, "### {} — {}\n", text(&row.code), text(&row.name));
        for (dimension, values) in dimensions {
            let _ = writeln!(out, "- **{dimension}**: {values}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", w.definition);
    for row in &report.indicators {
        let _ = writeln!(
            out,
            "- **{}** ({}): {}",
            text(&row.code),
            text(&row.unit),
            text(&row.definition)
        );
    }
    let f = &report.fingerprint;
    let _ = writeln!(
        out,
        "\n## {}\n\n- {}: {}\n- {}: {}\n- {}: `{}`\n- {}: `{}`",
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
    out
}
