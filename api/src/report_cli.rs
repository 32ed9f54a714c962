//! `ruta replay` and `ruta report`: indicators and the final monitoring report from the log.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use ruta_replay::report::{self, Format, Lang, ReportOptions};
use ruta_replay::{analyst, builtin, replay, Period, ReplayOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::startup::connect;

/// Options shared by `replay` and `report`.
#[derive(Debug, Clone, clap::Args)]
pub struct CutOffs {
    /// Business-time cut-off (YYYY-MM-DD): only events that occurred on or before that day (UTC).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Recorded-time cut-off (RFC 3339): the log as it was known at that instant.
    #[arg(long)]
    pub known_at: Option<DateTime<Utc>>,
    /// Language of names and headings: es, pt or en.
    #[arg(long, default_value = "en")]
    pub lang: Lang,
    /// Period breakdown of the built-in indicators: year, quarter or none.
    #[arg(long, default_value = "year")]
    pub period: Period,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
          hide_env_values = true)]
    pub database_url: String,
}

/// `ruta replay`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReplayArgs {
    /// A TOML file of analysts' indicators (see README); the built-in indicators without it.
    #[arg(long)]
    pub indicators: Option<PathBuf>,
    /// json, md or csv.
    #[arg(long, default_value = "json")]
    pub format: Format,
    #[command(flatten)]
    pub cut_offs: CutOffs,
}

/// `ruta report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// A targets TOML file; the programme's sample targets without it.
    #[arg(long)]
    pub targets: Option<PathBuf>,
    /// html, md, csv or json.
    #[arg(long)]
    pub format: Format,
    #[command(flatten)]
    pub cut_offs: CutOffs,
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn write_out(out: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush().context("writing to standard output")
        }
    }
}

fn options(cut_offs: &CutOffs, targets: report::Targets) -> ReportOptions {
    ReportOptions {
        as_of: cut_offs.as_of,
        known_at: cut_offs.known_at,
        lang: cut_offs.lang,
        period: cut_offs.period,
        targets,
        progress: true,
    }
}

/// Runs `ruta replay`.
///
/// # Errors
/// A bad indicators file (with its line), an unreadable log, an unwritable output.
pub async fn run_replay(args: ReplayArgs) -> anyhow::Result<()> {
    if args.format == Format::Html {
        anyhow::bail!("ruta replay writes json, md or csv; use ruta report for HTML");
    }
    let indicators = match &args.indicators {
        Some(path) => analyst::parse_indicators(&read(path)?)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        None => builtin::all(args.cut_offs.period),
    };
    let options = options(&args.cut_offs, report::Targets::new());
    let db = connect(&args.cut_offs.database_url).await?;
    let replay_options = ReplayOptions {
        as_of: options.as_of,
        known_at: options.known_at,
        progress: true,
        ..ReplayOptions::default()
    };
    let outcome = replay(&db, indicators, &replay_options).await?;
    db.close().await;
    let text = report::render(&report::build(&outcome, &options), args.format)?;
    write_out(args.cut_offs.out.as_deref(), &text)
}

/// Runs `ruta report`.
///
/// # Errors
/// A bad targets file (with its line), an unreadable log, an unwritable output.
pub async fn run_report(args: ReportArgs) -> anyhow::Result<()> {
    let targets_text = match &args.targets {
        Some(path) => read(path)?,
        None => report::SAMPLE_TARGETS.to_owned(),
    };
    let targets = report::parse_targets(&targets_text, &builtin::codes()).map_err(|e| {
        let file = args
            .targets
            .as_ref()
            .map_or("sample targets".to_owned(), |p| p.display().to_string());
        anyhow::anyhow!("{file}: {e}")
    })?;
    let db = connect(&args.cut_offs.database_url).await?;
    let report = report::final_report(&db, &options(&args.cut_offs, targets)).await?;
    db.close().await;
    write_out(
        args.cut_offs.out.as_deref(),
        &report::render(&report, args.format)?,
    )
}
