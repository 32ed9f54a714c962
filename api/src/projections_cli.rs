//! `ruta project` (a worker process that only runs projectors) and `ruta projections
//! status|rebuild`.

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use ruta_projections::runtime::{
    projector_status, rebuild, ProjectorRunner, RunnerConfig, Shutdown, SqlProjector,
};
use ruta_store::Database;
use std::sync::Arc;
use std::time::Instant;

use crate::settings::SearchSettings;
use crate::startup::open_store;

/// The event store and the search engine: what the projectors read and write.
#[derive(Debug, Clone, Args)]
pub struct ReadModelSettings {
    #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
          hide_env_values = true)]
    pub database_url: String,
    #[command(flatten)]
    pub search: SearchSettings,
}

/// The store, migrated, and every read model over it.
///
/// # Errors
/// When the store or the search engine cannot be opened.
pub async fn open(
    settings: &ReadModelSettings,
) -> anyhow::Result<(Database, Vec<Arc<dyn SqlProjector>>)> {
    let (db, catalogues) = open_store(&settings.database_url, &settings.search).await?;
    let mut projectors = ruta_projections::read_models::all();
    projectors.extend(catalogues.projectors());
    Ok((db, projectors))
}

/// Runs every projector until Ctrl-C or SIGTERM (each finishes its batch first). With
/// several workers on PostgreSQL, each projector runs in one of them at a time.
///
/// # Errors
/// When the store or the engine cannot be opened.
pub async fn run_worker(settings: &ReadModelSettings) -> anyhow::Result<()> {
    let (db, projectors) = open(settings).await?;
    let runner = ProjectorRunner::new(db.clone(), projectors);
    let shutdown = Shutdown::new();
    let signal = shutdown.signal();
    let running = tokio::spawn(async move { runner.run(signal).await });
    tracing::info!("projector worker running; Ctrl-C stops it");
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    shutdown.trigger();
    let exits = running.await.context("the projector runner died")?;
    tracing::info!(?exits, "projectors stopped");
    db.close().await;
    Ok(())
}

/// Prints where every projector stands.
///
/// # Errors
/// When the store cannot be read.
#[allow(clippy::print_stdout)]
pub async fn print_status(settings: &ReadModelSettings) -> anyhow::Result<()> {
    let (db, projectors) = open(settings).await?;
    let names: Vec<&str> = projectors.iter().map(|p| p.name()).collect();
    let rows = projector_status(&db, &names).await?;
    println!(
        "{:<14} {:>7} {:>10} {:>10} {:>10} {:>8}  state",
        "projector", "version", "generation", "position", "lag", "lag (s)"
    );
    for s in rows {
        let state = match (&s.last_error, s.poisoned, s.rebuilding_at) {
            (Some(error), true, _) => format!("POISONED: {error}"),
            (Some(error), false, _) => format!("retrying ({}): {error}", s.failed_attempts),
            (None, _, Some(at)) => format!("ok; rebuilding, at position {at}"),
            (None, _, None) => "ok".to_owned(),
        };
        println!(
            "{:<14} {:>7} {:>10} {:>10} {:>10} {:>8}  {state}",
            s.name,
            s.version.map_or("-".to_owned(), |v| v.to_string()),
            s.generation,
            s.checkpoint.position,
            s.lag_events,
            s.lag_seconds,
        );
    }
    db.close().await;
    Ok(())
}

/// Rebuilds `name` beside the live read model, with a progress bar, and swaps it in.
///
/// # Errors
/// An unknown name, a rebuild already running, or a failure of the store or the engine.
#[allow(clippy::print_stdout)]
pub async fn rebuild_one(settings: &ReadModelSettings, name: &str) -> anyhow::Result<()> {
    let (db, projectors) = open(settings).await?;
    let Some(projector) = projectors.iter().find(|p| p.name() == name) else {
        let names: Vec<&str> = projectors.iter().map(|p| p.name()).collect();
        anyhow::bail!("no projector {name:?}; one of: {}", names.join(", "));
    };
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} events ({per_sec}, eta {eta})")
            .context("progress bar template")?
            .progress_chars("=> "),
    );
    bar.set_message(format!("rebuilding {name}"));
    let started = Instant::now();
    let progress = |done: u64, total: u64| {
        bar.set_length(total.max(done));
        bar.set_position(done);
    };
    let rebuilt = rebuild(&db, projector.as_ref(), &RunnerConfig::default(), &progress).await;
    bar.finish_and_clear();
    let rebuilt = rebuilt.with_context(|| format!("rebuilding {name}"))?;
    println!(
        "{name}: generation {} is live ({} events in {:.1} s)",
        rebuilt.generation,
        rebuilt.events,
        started.elapsed().as_secs_f64()
    );
    db.close().await;
    Ok(())
}
