//! `ruta import FILE`: load history from JSON lines through the command layer.
//!
//! Default mode: a bad line is reported with its number and reason and the others go on.
//! `--strict`: every line is checked first (shape, command, payload, role policy, field
//! validation); if any fails, nothing from the file is applied. Rules that depend on the log's
//! state (say, enrolling in a course that is not published) can only be checked by applying:
//! in strict mode the first such rejection stops the import there, with the lines before it
//! applied — the log is append-only, and a re-run skips them by command id.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use ruta_commands::import::{
    apply_batch, check_text, describe, BatchCommand, ImportLine, ImportSummary, LineResult,
};
use ruta_commands::Executor;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// What an import did, line numbers included.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub summary: ImportSummary,
    /// `(line number, reason)` of every rejected line.
    pub rejections: Vec<(usize, String)>,
    /// Strict mode refused the file before applying anything.
    pub refused: bool,
    /// Strict mode stopped at a line rejected by a rule that depends on the log.
    pub stopped_at: Option<usize>,
    /// The import stopped because the store failed while appending the batch that begins at
    /// this line: nothing of that batch was written, every line counted `applied` was.
    pub store_failed_at: Option<(usize, String)>,
}

fn lines(path: &Path) -> anyhow::Result<impl Iterator<Item = (usize, std::io::Result<String>)>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    Ok(BufReader::new(file)
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l)))
}

fn progress(path: &Path) -> ProgressBar {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(bytes);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} eta {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Imports `path`. `show_progress` draws a progress bar on stderr (when it is a terminal).
///
/// # Errors
/// When the file cannot be read or the store fails; rejected lines are not errors.
pub async fn import_file(
    executor: &Executor,
    path: &Path,
    strict: bool,
    show_progress: bool,
) -> anyhow::Result<ImportReport> {
    let mut report = ImportReport::default();
    if strict {
        for (number, text) in lines(path)? {
            let text = text.with_context(|| format!("reading line {number}"))?;
            if text.trim().is_empty() {
                continue;
            }
            if let Err(error) = check_text(executor, &text).await {
                let reason = describe(&error);
                eprintln!("line {number}: malformed: {reason}");
                report.rejections.push((number, reason));
            }
        }
        if !report.rejections.is_empty() {
            report.refused = true;
            report.summary.rejected = report.rejections.len();
            return Ok(report);
        }
    }
    let bar = if show_progress {
        progress(path)
    } else {
        ProgressBar::hidden()
    };
    let mut chunk = Chunk::default();
    for (number, text) in lines(path)? {
        let text = text.with_context(|| format!("reading line {number}"))?;
        chunk.bytes += text.len() as u64 + 1;
        if text.trim().is_empty() {
            continue;
        }
        match ImportLine::parse(&text) {
            Ok(line) => chunk.push(number, line.as_command()),
            Err(error) => {
                let result = LineResult::Rejected(error);
                if !report.record(number, &result, strict, &bar) {
                    break;
                }
            }
        }
        if chunk.numbers.len() >= BATCH_LINES
            && !chunk.run(executor, &mut report, strict, &bar).await?
        {
            break;
        }
    }
    if report.stopped_at.is_none() && report.store_failed_at.is_none() {
        chunk.run(executor, &mut report, strict, &bar).await?;
    }
    report.rejections.sort_by_key(|(number, _)| *number);
    bar.finish_and_clear();
    Ok(report)
}

/// Lines decided and appended together (one transaction each).
const BATCH_LINES: usize = 500;

/// The lines read but not applied yet.
#[derive(Default)]
struct Chunk {
    numbers: Vec<usize>,
    commands: Vec<BatchCommand>,
    bytes: u64,
}

impl Chunk {
    fn push(&mut self, number: usize, command: BatchCommand) {
        self.numbers.push(number);
        self.commands.push(command);
    }

    /// Applies the chunk as one batch and empties it; false when strict mode stops here.
    async fn run(
        &mut self,
        executor: &Executor,
        report: &mut ImportReport,
        strict: bool,
        bar: &ProgressBar,
    ) -> anyhow::Result<bool> {
        let results = apply_batch(executor, &self.commands, strict).await;
        bar.inc(std::mem::take(&mut self.bytes));
        let numbers = std::mem::take(&mut self.numbers);
        self.commands.clear();
        let first = numbers.first().copied().unwrap_or(0);
        for (number, result) in numbers.into_iter().zip(&results) {
            if let LineResult::Rejected(ruta_commands::CommandError::Store(cause)) = result {
                bar.suspend(|| eprintln!("line {number}: the event store failed: {cause}"));
                report.store_failed_at = Some((first, cause.clone()));
                return Ok(false);
            }
            if !report.record(number, result, strict, bar) {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

impl ImportReport {
    /// Counts one line's result; false when strict mode stops at it.
    fn record(
        &mut self,
        number: usize,
        result: &LineResult,
        strict: bool,
        bar: &ProgressBar,
    ) -> bool {
        self.summary.count(result);
        let LineResult::Rejected(error) = result else {
            return true;
        };
        let reason = describe(error);
        // Printed for the operator, not logged: a reason may quote a value from the file.
        bar.suspend(|| eprintln!("line {number}: rejected: {reason}"));
        self.rejections.push((number, reason));
        if strict {
            self.stopped_at = Some(number);
            return false;
        }
        true
    }
}
