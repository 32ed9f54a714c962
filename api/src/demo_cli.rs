//! `ruta demo` and `ruta serve --demo`: load the demo programme and print what it did.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use ruta_commands::Executor;
use ruta_demo::{self as demo, DemoConfig, DemoSummary};
use ruta_store::Database;
use std::fmt::Write as _;
use std::sync::Arc;

/// Flags of `ruta demo`.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Cohorts of 1,200 participants each; the seed's figures hold exactly at 1.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub scale: u32,
    /// The same seed generates the same programme (and a re-run appends nothing).
    #[arg(long, default_value_t = demo::DEFAULT_SEED)]
    pub seed: u64,
    /// Lanes generated at once (default: 4 on SQLite, 8 on PostgreSQL; 1 gives the same log
    /// order every time).
    #[arg(long)]
    pub workers: Option<usize>,
}

impl DemoArgs {
    fn config(&self) -> DemoConfig {
        DemoConfig {
            scale: self.scale,
            seed: self.seed,
            workers: self.workers,
        }
    }
}

/// Generates the demo into `db`, with a progress bar when stderr is a terminal.
///
/// # Errors
/// When a command is refused (the error names it) or the store fails.
pub async fn run(db: &Database, args: &DemoArgs) -> anyhow::Result<DemoSummary> {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("demo {bar:40} {pos}/{len} commands {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let shown = bar.clone();
    let progress = Arc::new(move |done: usize, total: usize| {
        shown.set_length(total as u64);
        shown.set_position(done as u64);
    });
    let summary = demo::generate_with_progress(&Executor::new(db.clone()), args.config(), progress)
        .await
        .context("generating the demo programme")?;
    bar.finish_and_clear();
    Ok(summary)
}

/// Loads the demo unless the log already has events (`ruta serve --demo`).
///
/// # Errors
/// As [`run`].
pub async fn load_if_empty(db: &Database) -> anyhow::Result<Option<DemoSummary>> {
    let events = ruta_store::log::GlobalLog::new(db.clone()).count().await?;
    if events > 0 {
        tracing::info!(events, "the log has events already; the demo is not loaded");
        return Ok(None);
    }
    let args = DemoArgs {
        scale: 1,
        seed: demo::DEFAULT_SEED,
        workers: None,
    };
    let summary = run(db, &args).await?;
    tracing::info!(
        events = summary.events_appended,
        seconds = summary.duration.as_secs_f64(),
        "demo programme loaded"
    );
    Ok(Some(summary))
}

/// The summary `ruta demo` prints.
pub fn report(s: &DemoSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "demo seed {} scale {} ({} workers): {} commands ({} applied, {} already applied), \
         {} events appended in {:.1} s ({:.0} commands/s, {:.0} events/s)",
        s.seed,
        s.scale,
        s.workers,
        s.commands,
        s.applied,
        s.duplicates,
        s.events_appended,
        s.duration.as_secs_f64(),
        s.commands_per_second(),
        s.events_per_second(),
    );
    let _ = writeln!(out, "aggregates of this seed in the log:");
    for (kind, count) in &s.aggregates {
        let _ = writeln!(out, "  {kind:<22} {count:>8}");
    }
    out
}
